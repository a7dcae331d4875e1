package org.statefed.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.app.NodeWebView;
import org.statefed.node.StatefedNode;
import org.statefed.config.HttpConfig;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.admin.Statefed;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.state.EntityId;
import org.statefed.web.EventStreamClient;
import org.statefed.web.PrometheusText;
import org.statefed.web.WebServer;

/**
 * The HTTP API of running nodes on one prosody: site 1 is a real {@code bin/statefed run} process with
 * {@code http_bind} and {@code http_token} in its jabber.conf, site 2 an in-process node with a WebServer and no
 * token. A change POSTed at site 1 shows in site 2's API and event stream; a stream that reconnects with its
 * Last-Event-ID gets what it missed; hostile requests are refused and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiIT {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiIT.class);
    /** A JVM start, the config check and a login; under a load of ~20 on 2 cores the start alone took 23 s. */
    private static final Duration START = Duration.ofSeconds(60);
    /** What FederationIT allows a change to converge in on a loaded machine. */
    private static final Duration CONVERGE = Duration.ofSeconds(20);
    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final EntityId SITE1 = EntityId.parse("00:11:22:33:44:19");
    private static final Pattern BOARD_AT = Pattern.compile("HTTP API, board and metrics at (http://\\S+) \\(token required\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private XmppServer server;
    private Cluster cluster;
    private Process site1;
    private Path log;
    private URI site1Web;
    private WebServer site2Web;
    private StatefedNode site2;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
        cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of());
        site2 = cluster.start("site2");
        site2Web = new WebServer(new NodeWebView(site2, Clock.systemUTC()),
                HttpConfig.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        site2Web.start();
        String conf = cluster.jabberConf("site1", SITE1, "site1.sock", List.of()).replace("[general]\n",
                "[general]\nhttp_bind = 127.0.0.1:0\nhttp_token = " + TOKEN + "\n");
        Path config = Files.writeString(dir.resolve("jabber.conf"), conf);
        log = dir.resolve("site1.log");
        site1 = Statefed.launch(log, "run", "-c", config.toString());
        Await.until(START, () -> BOARD_AT.matcher(read(log)).find() && read(log).contains("session ready"),
                () -> read(log));
        Matcher m = BOARD_AT.matcher(read(log));
        assertThat(m.find()).isTrue();
        site1Web = URI.create(m.group(1));
        cluster.awaitReady(CONVERGE);
    }

    @AfterAll
    void stop() {
        try {
            if (site1 != null) {
                site1.destroyForcibly();
            }
            if (site2Web != null) {
                site2Web.stop();
            }
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private HttpResponse<String> post(URI base, String path, String body, boolean token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aChangePostedAtOneSiteReachesTheOthersApiAndEventStream() throws Exception {
        try (EventStreamClient stream = EventStreamClient.open(http, site2Web.uri().resolve("/api/events"),
                Optional.empty(), Optional.empty())) {
            assertThat(stream.next(CONVERGE)).map(EventStreamClient.Event::name).contains("snapshot");

            HttpResponse<String> posted = post(site1Web, "/api/devices",
                    "{\"device\":\"PJSIP/it-post\",\"state\":\"RINGING\"}", true);

            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            Optional<EventStreamClient.Event> seen = stream.await(e -> e.name().equals("device")
                    && e.data().contains("\"PJSIP/it-post\"") && e.data().contains("\"RINGING\""), CONVERGE);
            assertThat(seen).as("the change in site 2's event stream").isPresent();
        }
        JsonNode device = get(site2Web.uri(), "/api/devices?name=PJSIP/it-post");
        assertThat(device.get("aggregate").asText()).isEqualTo("RINGING");
        JsonNode entry = device.get("entries").get(0);
        assertThat(entry.get("eid").asText()).isEqualTo(SITE1.toString());
        assertThat(entry.get("site").asText()).isEqualTo(Cluster.jid("site1", server).toString());
        assertThat(entry.get("stale").asBoolean()).isFalse();
        assertThat(read(log)).contains("http 127.0.0.1: devstate change PJSIP/it-post RINGING").doesNotContain(TOKEN);
    }

    @Test
    void aStreamThatReconnectsWithItsLastEventIdGetsTheChangesItMissed() throws Exception {
        String lastSeen;
        try (EventStreamClient stream = EventStreamClient.open(http, site2Web.uri().resolve("/api/events"),
                Optional.empty(), Optional.empty())) {
            lastSeen = stream.next(CONVERGE).orElseThrow().id();
        }
        post(site1Web, "/api/devices", "{\"device\":\"PJSIP/missed-1\",\"state\":\"INUSE\"}", true);
        post(site1Web, "/api/mailboxes", "{\"mailbox\":\"77@it\",\"new\":3,\"old\":1}", true);
        Await.until(CONVERGE, () -> site2.mailboxes().effective("77@it").isPresent()
                && site2.devices().aggregate("PJSIP/missed-1") == DeviceState.INUSE, () -> "site 2's tables");

        try (EventStreamClient stream = EventStreamClient.open(http, site2Web.uri().resolve("/api/events"),
                Optional.of(lastSeen), Optional.empty())) {
            boolean device = false;
            boolean mailbox = false;
            long end = System.nanoTime() + CONVERGE.toNanos();
            while (!(device && mailbox) && System.nanoTime() < end) {
                Optional<EventStreamClient.Event> next = stream.next(Duration.ofNanos(end - System.nanoTime()));
                if (next.isEmpty()) {
                    break;
                }
                assertThat(next.get().name()).as("a resumed stream sends what was missed, not a snapshot")
                        .isNotEqualTo("snapshot");
                device |= next.get().name().equals("device") && next.get().data().contains("\"PJSIP/missed-1\"");
                mailbox |= next.get().name().equals("mailbox") && next.get().data().contains("\"77@it\"");
            }
            assertThat(device).as("the missed device change").isTrue();
            assertThat(mailbox).as("the missed mailbox change").isTrue();
        }
    }

    @Test
    void hostileRequestsAreRefusedAndChangeNothing() throws Exception {
        int devicesBefore = site2.devices().deviceCount();
        assertThat(post(site1Web, "/api/devices", "{\"device\":\"PJSIP/x\",\"state\":\"INUSE\"}", false)
                .statusCode()).as("no token").isEqualTo(401);
        assertThat(post(site1Web, "/api/devices", "{\"device\":\"PJSIP/x\",", true).statusCode()).as("bad JSON")
                .isEqualTo(400);
        HttpResponse<String> unknown = post(site1Web, "/api/devices", "{\"device\":\"PJSIP/x\",\"state\":\"ON_FIRE\"}",
                true);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("field").asText()).isEqualTo("state");
        assertThat(post(site1Web, "/api/devices", "{\"device\":\"" + "A".repeat(1 << 20) + "\"}", true).statusCode())
                .as("a 1 MB body").isEqualTo(413);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(site1Web.resolve("/api/devices"))
                .header("Authorization", "Bearer " + TOKEN).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as("wrong method").isEqualTo(405);
        try (EventStreamClient stream = EventStreamClient.open(http, site1Web.resolve("/api/events"), Optional.empty(),
                Optional.empty())) {
            assertThat(stream.status()).as("the event stream without the token").isEqualTo(401);
        }
        assertThat(site2.devices().snapshot("PJSIP/x")).isEmpty();
        assertThat(site2.devices().deviceCount()).isEqualTo(devicesBefore);
    }

    @Test
    void aChangeAtOneSiteIsMeasuredInTheOthersPropagationHistogram() throws Exception {
        String site1Jid = Cluster.jid("site1", server).toString();

        HttpResponse<String> posted = post(site1Web, "/api/devices",
                "{\"device\":\"PJSIP/it-delay\",\"state\":\"BUSY\"}", true);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        // The histogram is fed after the item is applied, on the same merge thread: await the metric itself.
        AtomicReference<Map<String, PrometheusText.Family>> seen = new AtomicReference<>(Map.of());
        Await.until(CONVERGE, () -> {
            seen.set(PrometheusText.parse(metricsText(site2Web.uri(), false)));
            PrometheusText.Family delay = seen.get().get("statefed_propagation_delay_seconds");
            return delay != null && delay.samples().stream().anyMatch(s -> s.name().endsWith("_count")
                    && site1Jid.equals(s.labels().get("site")) && s.value() >= 1);
        }, () -> "site 2's /metrics: " + seen.get().keySet());
        List<PrometheusText.Sample> samples = seen.get().get("statefed_propagation_delay_seconds").samples();
        assertThat(seen.get().get("statefed_propagation_delay_seconds").type()).isEqualTo("histogram");
        assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("site", site1Jid));
        double count = samples.stream().filter(s -> s.name().endsWith("_count")).findFirst().orElseThrow().value();
        double sum = samples.stream().filter(s -> s.name().endsWith("_sum")).findFirst().orElseThrow().value();
        assertThat(samples).filteredOn(s -> "+Inf".equals(s.labels().get("le"))).singleElement()
                .extracting(PrometheusText.Sample::value).isEqualTo(count);
        assertThat(sum).as("no negative delay is ever recorded").isGreaterThanOrEqualTo(0);
        assertThat(seen.get().get("statefed_propagation_publish_times_total").samples())
                .filteredOn(s -> List.of("unreadable", "future", "too_old").contains(s.labels().get("outcome")))
                .allSatisfy(s -> assertThat(s.value()).as(s.labels().toString()).isZero());
        LOG.info("propagation site 1 -> site 2: {} items, mean {} ms", (long) count, Math.round(sum / count * 1000));
    }

    /** The node's /metrics text; a failed request fails the test (inside an await, too). */
    private String metricsText(URI base, boolean token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/metrics"));
        if (token) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + base.resolve("/metrics"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + base.resolve("/metrics"), e);
        }
    }

    @Test
    void sitesAndMetricsShowTheOtherSiteOnline() throws Exception {
        JsonNode sites = get(site2Web.uri(), "/api/sites");
        assertThat(sites.get("links").get(0).get("ready").asBoolean()).isTrue();
        JsonNode site1Entry = sites.get("sites").get(0);
        assertThat(site1Entry.get("name").asText()).isEqualTo(Cluster.jid("site1", server).toString());
        assertThat(site1Entry.get("liveness").asText()).isEqualTo("online");

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(site1Web.resolve("/metrics"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, PrometheusText.Family> families = PrometheusText.parse(metrics.body());
        assertThat(families.get("statefed_site_up").samples()).anySatisfy(s -> {
            assertThat(s.labels()).containsEntry("site", Cluster.jid("site2", server).toString());
            assertThat(s.value()).isEqualTo(1.0);
        });
        assertThat(families.get("statefed_link_up").samples()).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
        assertThat(families.get("statefed_store_commits_total").type()).isEqualTo("counter");
    }
}
