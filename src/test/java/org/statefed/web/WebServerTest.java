package org.statefed.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statefed.config.HttpConfig;
import org.statefed.state.DeviceState;
import org.statefed.state.Hint;
import org.statefed.state.MwiCounts;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.PropagationDelays;
import org.statefed.wire.PublishTime;

/** The HTTP API on a real Jetty on loopback, over bare tables: shapes, checks, refusals, token, stream, metrics. */
class WebServerTest {
    /**
     * The feed thread sends a change at once (no configured delay); this only bounds a hang on a loaded machine.
     */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);
    private static final String TOKEN = "0123456789abcdef-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    private final TableWebNode node = new TableWebNode(clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private WebServer server;

    private URI start(HttpConfig config) {
        server = new WebServer(node, config);
        server.start();
        return server.uri();
    }

    private URI start() {
        return start(HttpConfig.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI base, String path, String type, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void devicesShowTheAggregateAndEachSitesEntryWithItsSiteAndAge() throws Exception {
        node.devices.restore("SIP/100", TableWebNode.PEER, DeviceState.RINGING, true,
                Instant.parse("2026-01-01T09:59:30Z"));
        node.devices.update("SIP/100", TableWebNode.OWN, DeviceState.INUSE, true);
        URI base = start();

        JsonNode device = JSON.readTree(get(base, "/api/devices?name=SIP/100").body());

        assertThat(device.get("aggregate").asText()).isEqualTo("RINGINUSE");
        JsonNode own = device.get("entries").get(0);
        JsonNode peer = device.get("entries").get(1);
        assertThat(own.get("site").asText()).isEqualTo("this site");
        assertThat(own.get("restored").asBoolean()).isFalse();
        assertThat(peer.get("site").asText()).isEqualTo("site-b@example.com");
        assertThat(peer.get("state").asText()).isEqualTo("RINGING");
        assertThat(peer.get("ageSeconds").asLong()).isEqualTo(30);
        assertThat(peer.get("restored").asBoolean()).isTrue();
        assertThat(peer.get("stale").asBoolean()).isFalse();
    }

    @Test
    void entriesOfASiteThatIsAwayAreMarkedStale() throws Exception {
        node.devices.update("SIP/200", TableWebNode.PEER, DeviceState.BUSY, true);
        node.peers.clear();
        node.peers.add(new PeerStatus("asterisk", "site-b@example.com", Optional.of(TableWebNode.PEER), "away",
                "offline, states kept until stale_timeout", true));
        URI base = start();

        JsonNode device = JSON.readTree(get(base, "/api/devices?name=SIP/200").body());

        assertThat(device.get("entries").get(0).get("stale").asBoolean()).isTrue();
    }

    @Test
    void aPostedDeviceStateChangesTheTableAndAnswersTheAggregate() throws Exception {
        URI base = start();

        HttpResponse<String> response = post(base, "/api/devices", "application/json",
                "{\"device\":\"Custom:door\",\"state\":\"inuse\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("aggregate").asText()).isEqualTo("INUSE");
        assertThat(node.devices.aggregate("Custom:door")).isEqualTo(DeviceState.INUSE);
    }

    @Test
    void aPostedMailboxUpdateChangesTheCounts() throws Exception {
        URI base = start();

        HttpResponse<String> response = post(base, "/api/mailboxes", "application/json",
                "{\"mailbox\":\"1000@default\",\"new\":2,\"old\":\"5\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(node.mailboxes.effective("1000@default")).contains(new MwiCounts(2, 5));
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4} {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "POST | /api/devices   | application/json | {\"device\":\"SIP/1\"                        | 400 | ",
        "POST | /api/devices   | application/json | [1,2]                                     | 400 | ",
        "POST | /api/devices   | application/json | {\"device\":\"SIP/1\",\"state\":\"PURPLE\"} | 400 | state",
        "POST | /api/devices   | application/json | {\"device\":\"SIP/1\"}                     | 400 | state",
        "POST | /api/devices   | application/json | {\"state\":\"INUSE\"}                      | 400 | device",
        "POST | /api/devices   | application/json | {\"device\":\"SIP/\\u0007\",\"state\":\"INUSE\"} | 400 | device",
        "POST | /api/devices   | application/json | {\"device\":7,\"state\":\"INUSE\"}         | 400 | device",
        "POST | /api/devices   | application/json | {\"device\":\"a\",\"stat\":\"INUSE\"}      | 400 | stat",
        "POST | /api/devices   | text/plain       | {\"device\":\"a\",\"state\":\"INUSE\"}     | 415 | ",
        "POST | /api/mailboxes | application/json | {\"mailbox\":\"1000\",\"new\":1,\"old\":0} | 400 | mailbox",
        "POST | /api/mailboxes | application/json | {\"mailbox\":\"1@d\",\"new\":-1,\"old\":0}  | 400 | new",
        "POST | /api/mailboxes | application/json | {\"mailbox\":\"1@d\",\"new\":1,\"old\":1.5} | 400 | old",
        "POST | /api/hints     | application/json | {}                                        | 405 | ",
        "GET  | /api/nothing   |                  |                                           | 404 | ",
    })
    void badRequestsAreRefusedWithAJsonErrorNamingTheField(String method, String path, String type, String body,
            int status, String field) throws Exception {
        URI base = start();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));

        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error").asText()).isNotBlank();
        if (field == null) {
            assertThat(error.has("field")).as(response.body()).isFalse();
        } else {
            assertThat(error.get("field").asText()).as(response.body()).isEqualTo(field);
        }
        assertThat(node.devices.deviceCount()).isZero();
    }

    @Test
    void aWrongMethodIsAnsweredWithTheAllowedOnes() throws Exception {
        URI base = start();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/devices")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, POST");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedUnread() throws Exception {
        URI base = start();
        String huge = "{\"device\":\"" + "x".repeat(ChangeRequests.MAX_BODY_BYTES) + "\",\"state\":\"INUSE\"}";

        HttpResponse<String> response = post(base, "/api/devices", "application/json", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Connection")).as("the unread body ends the connection, said up front")
                .contains("close");
        assertThat(node.devices.deviceCount()).isZero();
        assertThat(get(base, "/api/devices").statusCode()).as("the next request, on a new connection").isEqualTo(200);
    }

    @Test
    void withATokenEveryApiCallNeedsItButTheBoardsFilesDoNot() throws Exception {
        URI base = start(HttpConfig.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).withToken(TOKEN));

        assertThat(get(base, "/api/devices").statusCode()).isEqualTo(401);
        assertThat(get(base, "/metrics").statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/devices")).header("Authorization",
                "Bearer wrong-token-wrong-token").build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/devices")).header("Authorization",
                "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(get(base, "/api/counters?token=" + TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> board = get(base, "/");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).contains("/board/board.js").doesNotContain(TOKEN);
        assertThat(get(base, "/board/grid.js").statusCode()).isEqualTo(200);
        assertThat(get(base, "/board/../pom.xml").statusCode()).isIn(400, 401, 404);
    }

    @Test
    void withoutATokenARequestNamingTheServerByAnotherNameIsRefused() throws Exception {
        URI base = start();

        assertThat(rawStatusLine(base, "evil.example:" + base.getPort())).contains(" 403 ");
        assertThat(rawStatusLine(base, "localhost:" + base.getPort())).contains(" 200 ");
        assertThat(rawStatusLine(base, "127.0.0.1:" + base.getPort())).contains(" 200 ");
    }

    /** java.net.http sets Host itself; this request names the server as {@code host}. */
    private static String rawStatusLine(URI base, String host) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET /api/counters HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aPortAlreadyInUseIsAClearStartFailure() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WebServer other = new WebServer(node, HttpConfig.plain(new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), taken.getLocalPort())));

            org.assertj.core.api.Assertions.assertThatThrownBy(other::start).isInstanceOf(WebServerException.class)
                    .hasMessageStartingWith("http_bind 127.0.0.1:" + taken.getLocalPort() + ": cannot serve (");
        }
    }

    @Test
    void theStreamStartsWithASnapshotThenSendsEachChange() throws Exception {
        node.hints.put(Hint.parse("100@default", "SIP/100"));
        node.devices.update("SIP/100", TableWebNode.PEER, DeviceState.RINGING, true);
        URI base = start();

        try (EventStreamClient stream = EventStreamClient.open(http, base.resolve("/api/events"), Optional.empty(),
                Optional.empty())) {
            EventStreamClient.Event snapshot = stream.next(EVENT_WAIT).orElseThrow();
            assertThat(snapshot.name()).isEqualTo("snapshot");
            JsonNode data = JSON.readTree(snapshot.data());
            assertThat(data.get("devices").get(0).get("aggregate").asText()).isEqualTo("RINGING");
            assertThat(data.get("hints").get(0).get("state").asText()).isEqualTo("Ringing");

            node.changeDeviceState("SIP/100", DeviceState.INUSE);

            assertThat(stream.await(e -> e.name().equals("device"), EVENT_WAIT)).map(e -> json(e).get("aggregate")
                    .asText()).contains("RINGINUSE");
            assertThat(stream.await(e -> e.name().equals("hint"), EVENT_WAIT)).map(e -> json(e).get("state")
                    .asText()).contains("InUse&Ringing");
        }
    }

    @Test
    void aClientThatReconnectsWithItsLastEventIdGetsExactlyWhatItMissed() throws Exception {
        URI base = start();
        String lastSeen;
        try (EventStreamClient stream = EventStreamClient.open(http, base.resolve("/api/events"), Optional.empty(),
                Optional.empty())) {
            node.changeDeviceState("Custom:a", DeviceState.INUSE);
            lastSeen = stream.await(e -> e.name().equals("device"), EVENT_WAIT).orElseThrow().id();
        }
        node.changeDeviceState("Custom:b", DeviceState.BUSY);
        node.updateMailbox("1@d", new MwiCounts(1, 0));

        try (EventStreamClient stream = EventStreamClient.open(http, base.resolve("/api/events"),
                Optional.of(lastSeen), Optional.empty())) {
            // The feed drains devices, hints and mailboxes in turns, so a device and a mailbox changed together
            // may come in either order; what matters is that both come, and no snapshot.
            List<EventStreamClient.Event> missed = List.of(stream.next(EVENT_WAIT).orElseThrow(),
                    stream.next(EVENT_WAIT).orElseThrow());
            assertThat(missed).extracting(EventStreamClient.Event::name).as("a resumed stream sends no snapshot")
                    .containsExactlyInAnyOrder("device", "mailbox");
            assertThat(missed).filteredOn(e -> e.name().equals("device"))
                    .extracting(e -> json(e).get("device").asText()).containsExactly("Custom:b");
        }
    }

    @Test
    void aClientFurtherBehindThanTheReplayBufferGetsAFreshSnapshot() throws Exception {
        server = new WebServer(node, HttpConfig.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 3);
        server.start();
        URI base = server.uri();
        String lastSeen;
        try (EventStreamClient stream = EventStreamClient.open(http, base.resolve("/api/events"), Optional.empty(),
                Optional.empty())) {
            lastSeen = stream.next(EVENT_WAIT).orElseThrow().id();
            for (int i = 0; i < 5; i++) {
                node.changeDeviceState("Custom:" + i, DeviceState.INUSE);
            }
            assertThat(stream.await(e -> e.data().contains("\"Custom:4\""), EVENT_WAIT)).isPresent();
        }

        try (EventStreamClient stream = EventStreamClient.open(http, base.resolve("/api/events"),
                Optional.of(lastSeen), Optional.empty())) {
            EventStreamClient.Event first = stream.next(EVENT_WAIT).orElseThrow();
            assertThat(first.name()).isEqualTo("snapshot");
            assertThat(json(first).get("devices")).hasSize(5);
        }
    }

    @Test
    void aSiteGoingAwayIsSentAsASitesEvent() throws Exception {
        URI base = start();
        try (EventStreamClient stream = EventStreamClient.open(http, base.resolve("/api/events"), Optional.empty(),
                Optional.empty())) {
            assertThat(stream.next(EVENT_WAIT)).map(EventStreamClient.Event::name).contains("snapshot");

            node.peers.set(0, new PeerStatus("asterisk", "site-b@example.com", Optional.of(TableWebNode.PEER), "away",
                    "offline, states kept until stale_timeout", true));

            // Liveness is compared every SITES_INTERVAL: two of them, and the usual margin for a loaded machine.
            Optional<EventStreamClient.Event> sites = stream.await(e -> e.name().equals("sites"),
                    WebServer.SITES_INTERVAL.multipliedBy(2).plus(EVENT_WAIT));
            assertThat(sites).map(e -> json(e).get("sites").get(0).get("liveness").asText()).contains("away");
        }
    }

    @Test
    void aLastEventIdFromAnotherRunGetsASnapshot() throws Exception {
        URI base = start();
        node.changeDeviceState("Custom:a", DeviceState.INUSE);

        try (EventStreamClient stream = EventStreamClient.open(http, base.resolve("/api/events"),
                Optional.of("deadbeef-3"), Optional.empty())) {
            EventStreamClient.Event first = stream.next(EVENT_WAIT).orElseThrow();
            assertThat(first.name()).isEqualTo("snapshot");
            assertThat(json(first).get("devices").get(0).get("device").asText()).isEqualTo("Custom:a");
        }
    }

    @Test
    void metricsAreValidPrometheusTextWithEveryCounterOfCoreShowStats() throws Exception {
        node.counters.increment(Counters.Counter.ITEMS_APPLIED);
        node.counters.increment(Counters.Counter.ITEMS_APPLIED);
        node.changeDeviceState("Custom:a", DeviceState.INUSE);
        URI base = start();

        HttpResponse<String> response = get(base, "/metrics");

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain"));
        Map<String, PrometheusText.Family> families = PrometheusText.parse(response.body());
        for (Counters.Counter counter : Counters.Counter.values()) {
            String name = "statefed_" + counter.name().toLowerCase(java.util.Locale.ROOT) + "_total";
            assertThat(families.keySet()).as(name).contains(name);
            assertThat(families.get(name).type()).isEqualTo("counter");
        }
        assertThat(families.get("statefed_items_applied_total").samples().get(0).value()).isEqualTo(2.0);
        assertThat(families.get("statefed_devices").samples().get(0).value()).isEqualTo(1.0);
        assertThat(families.get("statefed_site_up").samples()).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("site", "site-b@example.com").containsEntry("link", "asterisk");
            assertThat(s.value()).isEqualTo(1.0);
        });
        assertThat(families.keySet()).contains("jvm_memory_used_bytes", "process_uptime_seconds",
                "statefed_publish_queue_depth", "statefed_merge_queue_depth", "statefed_http_event_clients");
    }

    @Test
    void propagationDelaysAreAHistogramPerSiteFromOneMillisecondToTenSecondsWithIgnoredTimesCounted() throws Exception {
        URI base = start();
        PropagationDelays propagation = node.counters.propagation();
        propagation.observe("site-b@example.com", PublishTime.at(Instant.now().minusSeconds(3)));
        propagation.observe("site-b@example.com", PublishTime.parse("never"));

        Map<String, PrometheusText.Family> families = PrometheusText.parse(get(base, "/metrics").body());

        PrometheusText.Family delay = families.get("statefed_propagation_delay_seconds");
        assertThat(delay).as(families.keySet().toString()).isNotNull();
        assertThat(delay.type()).isEqualTo("histogram");
        List<PrometheusText.Sample> buckets = delay.samples().stream()
                .filter(s -> s.name().equals("statefed_propagation_delay_seconds_bucket")).toList();
        assertThat(buckets).allSatisfy(b -> assertThat(b.labels()).containsEntry("site", "site-b@example.com"));
        assertThat(buckets).extracting(b -> b.labels().get("le")).containsExactly("0.001", "0.002", "0.005", "0.01",
                "0.02", "0.05", "0.1", "0.2", "0.5", "1.0", "2.0", "5.0", "10.0", "+Inf");
        assertThat(buckets).filteredOn(b -> b.labels().get("le").equals("2.0")).singleElement()
                .extracting(PrometheusText.Sample::value).isEqualTo(0.0);
        assertThat(buckets).filteredOn(b -> b.labels().get("le").equals("5.0")).singleElement()
                .extracting(PrometheusText.Sample::value).isEqualTo(1.0);
        assertThat(families.get("statefed_propagation_publish_times_total").samples())
                .filteredOn(s -> s.labels().get("outcome").equals("unreadable")).singleElement()
                .extracting(PrometheusText.Sample::value).isEqualTo(1.0);
    }

    private static JsonNode json(EventStreamClient.Event event) {
        try {
            return JSON.readTree(event.data());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + event.data(), e);
        }
    }
}
