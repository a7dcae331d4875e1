package org.statefed.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.statefed.node.LinkStatus;
import org.statefed.wire.RejectReason;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.PropagationDelays;

/**
 * The node's meters in Prometheus text: every counter of {@code core show stats} (one counter per event,
 * {@code statefed_items_applied_total}), rejections per reason, table sizes, queue depths, store writes, each
 * link's and each remote site's liveness, the event stream's clients, and the JVM basics. Meters read the node
 * when scraped; nothing is counted twice.
 */
final class NodeMetrics implements AutoCloseable {
    /** Histogram buckets of the propagation delay: 1 ms (one LAN hop) to 10 s (a link that is struggling). */
    static final Duration[] PROPAGATION_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final WebNode node;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge linkUp;
    private final MultiGauge siteUp;
    private final MultiGauge siteLiveness;
    private final MultiGauge publishBacklog;
    private final PropagationDelays propagation;
    /** One timer per buddy that sent a stamped item: bounded by the configured buddies. */
    private final Map<String, Timer> propagationTimers = new ConcurrentHashMap<>();

    NodeMetrics(WebNode node, EventFeed feed) {
        this.node = node;
        Counters counters = node.counters();
        for (Counters.Counter counter : Counters.Counter.values()) {
            FunctionCounter.builder("statefed." + counter.name().toLowerCase(Locale.ROOT).replace('_', '.'), counters,
                    c -> c.get(counter)).description(counter.description()).register(registry);
        }
        for (RejectReason reason : RejectReason.values()) {
            FunctionCounter.builder("statefed.rejected.items", counters, c -> c.rejections(reason))
                    .description("items rejected, per reason").tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        propagation = counters.propagation();
        for (PropagationDelays.Outcome outcome : PropagationDelays.Outcome.values()) {
            FunctionCounter.builder("statefed.propagation.publish.times", propagation, p -> p.count(outcome))
                    .description("publish times of received live items, per outcome: recorded, clamped (ahead of our "
                            + "clock by skew, recorded as 0), absent (Asterisk), ignored as unreadable, future or too_old")
                    .tag("outcome", outcome.label()).register(registry);
        }
        propagation.sendTo((site, delay) -> propagationTimers.computeIfAbsent(site, this::propagationTimer).record(delay));
        Gauge.builder("statefed.devices", node.devices(), d -> d.deviceCount())
                .description("devices at least one site reports").register(registry);
        Gauge.builder("statefed.mailboxes", node.mailboxes(), m -> m.mailboxCount())
                .description("mailboxes at least one site reports").register(registry);
        Gauge.builder("statefed.hints", node.hints(), h -> h.snapshot().size())
                .description("configured hints").register(registry);
        Gauge.builder("statefed.merge.queue.depth", node, n -> n.load().mergeBacklog())
                .description("received items waiting for the merge thread").register(registry);
        FunctionCounter.builder("statefed.store.commits", node, n -> n.load().storeCommits().orElse(0))
                .description("commits to the state file").register(registry);
        FunctionCounter.builder("statefed.store.entries.written", node, n -> n.load().storeKeysWritten().orElse(0))
                .description("entries written to the state file").register(registry);
        FunctionCounter.builder("statefed.table.listener.failures", node,
                n -> n.devices().listenerFailures() + n.hints().listenerFailures() + n.mailboxes().listenerFailures())
                .description("exceptions thrown by table listeners (a bug: see the log)").register(registry);
        Gauge.builder("statefed.http.event.clients", feed, EventFeed::clients)
                .description("clients of the event stream").register(registry);
        linkUp = MultiGauge.builder("statefed.link.up").description("1 when the link has joined its peers")
                .register(registry);
        publishBacklog = MultiGauge.builder("statefed.publish.queue.depth")
                .description("changes queued or in flight to a link's peers").register(registry);
        siteUp = MultiGauge.builder("statefed.site.up").description("1 when a remote site is heard now")
                .register(registry);
        siteLiveness = MultiGauge.builder("statefed.site.liveness")
                .description("1 for a remote site's current liveness (online, away, stale, unknown)")
                .register(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private Timer propagationTimer(String site) {
        return Timer.builder("statefed.propagation.delay")
                .description("time from a statefed site sending an item to this node applying it, clock skew "
                        + "between the sites included")
                .tag("site", site).serviceLevelObjectives(PROPAGATION_BUCKETS)
                .minimumExpectedValue(PROPAGATION_BUCKETS[0])
                .maximumExpectedValue(PROPAGATION_BUCKETS[PROPAGATION_BUCKETS.length - 1])
                .register(registry);
    }

    /** The Prometheus text exposition (format 0.0.4), with the per-link and per-site rows read now. */
    String scrape() {
        List<MultiGauge.Row<?>> links = new ArrayList<>();
        for (LinkStatus link : node.links()) {
            links.add(MultiGauge.Row.of(Tags.of("link", link.name(), "kind", link.kind().configType()),
                    link.ready() ? 1 : 0));
        }
        linkUp.register(links, true);
        List<MultiGauge.Row<?>> backlog = new ArrayList<>();
        node.load().publishBacklog().forEach((link, depth) -> backlog.add(MultiGauge.Row.of(Tags.of("link", link), depth)));
        publishBacklog.register(backlog, true);
        List<MultiGauge.Row<?>> up = new ArrayList<>();
        List<MultiGauge.Row<?>> liveness = new ArrayList<>();
        for (PeerStatus peer : node.peers()) {
            Tags tags = Tags.of("link", peer.link(), "site", peer.name());
            up.add(MultiGauge.Row.of(tags, peer.online() ? 1 : 0));
            for (String value : List.of("online", "away", "stale", "unknown")) {
                liveness.add(MultiGauge.Row.of(tags.and("liveness", value), peer.liveness().equals(value) ? 1 : 0));
            }
        }
        siteUp.register(up, true);
        siteLiveness.register(liveness, true);
        return registry.scrape();
    }

    @Override
    public void close() {
        propagation.sendTo((site, delay) -> { });
        gc.close();
        registry.close();
    }
}
