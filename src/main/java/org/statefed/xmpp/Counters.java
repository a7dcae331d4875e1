package org.statefed.xmpp;

import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.statefed.wire.RejectReason;

/**
 * What the XMPP side of a node did and dropped, for {@code core show stats}, tests and benchmarks.
 * Lock-free; shared by all connections of a node.
 */
public final class Counters {

    /** One counted event. */
    public enum Counter {
        ITEMS_APPLIED("items applied to the state tables"),
        ITEMS_REJECTED("items rejected as malformed"),
        ECHOES_IGNORED("own items echoed back"),
        NOT_A_BUDDY("items or requests from JIDs that are not buddies"),
        FORGED_EID("items whose entity id does not belong to their publisher"),
        DUPLICATE_EID("items carrying our own entity id that we did not publish"),
        RETRACTS_IGNORED("retract, purge and delete events ignored"),
        PRESENCE_REJECTED("statefed presences with a missing, malformed or conflicting entity id"),
        SITES_WENT_STALE("times a buddy's states were dropped after stale_timeout offline"),
        STALE_RESYNC_ITEMS("persisted items older than a live update, skipped"),
        REFRESH_REQUESTS("refresh requests answered"),
        REFRESH_SKIPPED("refresh requests whose sender already held all our states (no republish)"),
        PUBLISH_SENT("publish requests sent"),
        PUBLISH_COALESCED("changes replaced by a newer one before being sent"),
        PUBLISH_FAILED("publish requests that failed"),
        PUBLISH_RETRIED("publish retries"),
        RETURN_REPUBLISHES("republishes of our states because a buddy came back (coalesced)"),
        HEARTBEAT_SILENT("times a buddy stopped answering pings and was treated as offline"),
        LINK_SILENT("times our own server stopped answering pings and the link was re-established"),
        PINGS_LATE("pings a buddy or our server missed while its stanzas kept arriving (late, not gone)"),
        FORGED_PUBLISHER("items on a buddy's node published by someone else (a PubSub admin)"),
        ENTITY_IDS_RETIRED("entity ids a buddy stopped using whose states were dropped"),
        CLAIMS_RELEASED("entity id claims released because the claimant left"),
        RESYNC_FAILED("item fetches from a watched node that failed (the node stays subscribed)"),
        SITE_CAP_REACHED("items refused because their site already has max_devices_per_site devices or "
                + "max_mailboxes_per_site mailboxes in our tables"),
        MALFORMED_CAPS("presences whose entity capabilities lack node or ver (ignored)"),
        BUDDY_WENT_OFFLINE("times a buddy's last resource went offline"),
        SESSIONS_ENDED("logged-in sessions that ended (each is followed by a new connection attempt)"),
        UNKNOWN_IQ("IQ requests for a service statefed does not offer (answered service-unavailable)");

        private final String description;

        Counter(String description) {
            this.description = description;
        }

        /** Plain-words meaning, for the stats command. */
        public String description() {
            return description;
        }
    }

    private final EnumMap<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
    private final EnumMap<RejectReason, LongAdder> rejections = new EnumMap<>(RejectReason.class);
    private final EnumMap<PublishReason, LongAdder> publishes = new EnumMap<>(PublishReason.class);
    /** Kept with the counters because every connection of the node already shares them. */
    private final PropagationDelays propagation;

    public Counters() {
        this(Clock.systemUTC());
    }

    /** @param clock the receiving side's clock for propagation delays */
    public Counters(Clock clock) {
        this.propagation = new PropagationDelays(clock);
        for (Counter c : Counter.values()) {
            counters.put(c, new LongAdder());
        }
        for (RejectReason r : RejectReason.values()) {
            rejections.put(r, new LongAdder());
        }
        for (PublishReason r : PublishReason.values()) {
            publishes.put(r, new LongAdder());
        }
    }

    /** How long statefed peers' items took to reach this node. */
    public PropagationDelays propagation() {
        return propagation;
    }

    public void increment(Counter counter) {
        counters.get(counter).increment();
    }

    /** Counts a rejected item under its reason (and under {@link Counter#ITEMS_REJECTED}). */
    public void rejected(RejectReason reason) {
        rejections.get(reason).increment();
        counters.get(Counter.ITEMS_REJECTED).increment();
    }

    /** Counts one publish sent, under why it was sent (and under {@link Counter#PUBLISH_SENT}). */
    public void published(PublishReason reason) {
        publishes.get(reason).increment();
        counters.get(Counter.PUBLISH_SENT).increment();
    }

    public long publishes(PublishReason reason) {
        return publishes.get(reason).sum();
    }

    /** Publishes sent per reason, zero counts included. */
    public Map<PublishReason, Long> publishSnapshot() {
        EnumMap<PublishReason, Long> out = new EnumMap<>(PublishReason.class);
        publishes.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }

    public long get(Counter counter) {
        return counters.get(counter).sum();
    }

    public long rejections(RejectReason reason) {
        return rejections.get(reason).sum();
    }

    /** Every counter's current value, in declaration order. */
    public Map<Counter, Long> snapshot() {
        EnumMap<Counter, Long> out = new EnumMap<>(Counter.class);
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }

    /** Rejections per reason, zero counts included. */
    public Map<RejectReason, Long> rejectionSnapshot() {
        EnumMap<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        rejections.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }
}
