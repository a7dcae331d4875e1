package org.statefed.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.config.DigestCredentials;
import org.statefed.config.SipHostPort;
import org.statefed.config.SipPublicationConfig;
import org.statefed.it.Await;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.MailboxUpdate;
import org.statefed.sip.codec.SipCapture;
import org.statefed.sip.jain.SipEndpoints;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * The SIP link on a real JAIN-SIP listener on loopback, against an "Asterisk" on a raw UDP socket that
 * replays the captured a2 -> a1 PUBLISHes and answers statefed's PUBLISHes as pjsip does. statefed plays
 * a1 of the capture: it challenges a2 (inbound credentials) and is challenged by it (outbound ones).
 */
class SipPublicationLinkIT {
    static final EntityId A1 = EntityId.parse("00:11:22:33:44:01");
    static final EntityId A2 = EntityId.parse("00:11:22:33:44:0a");
    static final String IN_PASSWORD = "in-lab-password";
    static final String OUT_PASSWORD = "out-lab-password";
    static final Duration EXPIRATION = Duration.ofSeconds(20);
    /** UDP on loopback answers in milliseconds; this covers JAIN-SIP's retransmissions and a loaded machine. */
    static final Duration ANSWER = Duration.ofSeconds(10);

    private UdpSipPeer peer;
    private FakeLinkContext context;
    private SipPublicationLink link;
    /** statefed's PUBLISHes the peer answered 200 while it waited for a response to its own. */
    private final List<String> answeredWhileWaiting = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        int port = UdpSipPeer.freeUdpAndTcpPort();
        peer = new UdpSipPeer(port);
        SipPublicationConfig config = new SipPublicationConfig("a2", new SipHostPort("127.0.0.1", port),
                "sip:a1@127.0.0.1:" + peer.port(), "sip:a1@127.0.0.1:" + port, "a2",
                Optional.of(new SipHostPort("127.0.0.1", peer.port())), true, true, Optional.empty(), Optional.empty(),
                EXPIRATION, Optional.of(new DigestCredentials("a1", OUT_PASSWORD)),
                Optional.of(new DigestCredentials("a2", IN_PASSWORD)));
        context = new FakeLinkContext(Clock.systemUTC(), A1);
        link = SipPublicationLink.create(config, new SipEndpoints());
    }

    @AfterEach
    void tearDown() {
        if (link != null) {
            link.stop(Duration.ofSeconds(5));
        }
        if (peer != null) {
            peer.close();
        }
    }

    /** Starts the link and waits until its listener is open (the start itself returns at once). */
    private void start() {
        link.start(context);
        Await.until(ANSWER, () -> link.status().state().startsWith("Listening"), () -> link.status().state());
    }

    /** Answers statefed's PUBLISHes (challenge first, then 200) until {@code count} were accepted; returns them. */
    private List<String> accept(int count) throws IOException {
        List<String> accepted = new ArrayList<>();
        while (accepted.size() < count) {
            String request = peer.receive(ANSWER);
            assertThat(request).startsWith("PUBLISH sip:a1@127.0.0.1:" + peer.port() + " SIP/2.0\r\n");
            String authorization = UdpSipPeer.header(request, "Authorization");
            if (authorization == null) {
                peer.answer(request, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"asterisk\","
                        + "nonce=\"1796018284/597f1c85da2fd75d7111183d5798e27f\",opaque=\"7d84093c302817b6\","
                        + "algorithm=MD5,qop=\"auth\"");
                continue;
            }
            assertThat(digestIsRight(authorization)).as("digest of %s", authorization).isTrue();
            peer.answer(request, 200, "OK", "SIP-ETag: " + (100 + accepted.size()), "Expires: 20");
            accepted.add(request);
        }
        return accepted;
    }

    private static boolean digestIsRight(String authorization) {
        String ha1 = UdpSipPeer.md5("a1:asterisk:" + OUT_PASSWORD);
        String ha2 = UdpSipPeer.md5("PUBLISH:" + UdpSipPeer.param(authorization, "uri"));
        String expected = UdpSipPeer.md5(ha1 + ":" + UdpSipPeer.param(authorization, "nonce") + ":"
                + UdpSipPeer.param(authorization, "nc") + ":" + UdpSipPeer.param(authorization, "cnonce") + ":auth:" + ha2);
        return expected.equals(UdpSipPeer.param(authorization, "response"))
                && "a1".equals(UdpSipPeer.param(authorization, "username"));
    }

    /** Sends a captured a2 PUBLISH unauthenticated, expects our 401, resends it with the digest; returns the answer. */
    private String publishAuthenticated(int capturedIndex, String ifMatch, String expires) throws IOException {
        String captured = SipCapture.datagram(capturedIndex).text();
        if (expires != null) {
            captured = captured.replace("Expires: 20\r\n", "Expires: " + expires + "\r\n");
        }
        peer.send(peer.rewrite(captured, ifMatch, null, null, null));
        String challenge = awaitResponse();
        assertThat(UdpSipPeer.status(challenge)).isEqualTo(401);
        peer.send(peer.rewrite(captured, ifMatch, UdpSipPeer.challenge(challenge), "a2", IN_PASSWORD));
        return awaitResponse();
    }

    /** The next response statefed sends, answering statefed's own startup PUBLISHes meanwhile. */
    private String awaitResponse() throws IOException {
        while (true) {
            String message = peer.receive(ANSWER);
            if (message.startsWith("SIP/2.0 ")) {
                return message;
            }
            peer.answer(message, 200, "OK", "SIP-ETag: 7", "Expires: 20");
            answeredWhileWaiting.add(message);
        }
    }

    @Test
    void startupRefreshIsSentOnBothPackagesAndAnswersThePeersDigestChallenge() throws IOException {
        start();

        List<String> accepted = accept(2);

        assertThat(accepted).extracting(r -> UdpSipPeer.header(r, "Event"))
                .containsExactlyInAnyOrder("asterisk-devicestate", "asterisk-mwi");
        assertThat(accepted).allSatisfy(r -> {
            assertThat(UdpSipPeer.body(r)).isEqualTo("{\"type\":\"refresh\",\"eid\":\"00:11:22:33:44:01\"}");
            assertThat(UdpSipPeer.header(r, "Content-Type")).isEqualTo("application/json");
            assertThat(UdpSipPeer.header(r, "Expires")).isEqualTo("20");
            assertThat(UdpSipPeer.header(r, "SIP-If-Match")).isNull();
        });
        Await.until(ANSWER, () -> link.status().ready(), () -> link.status().toString());
    }

    @Test
    void capturedPeerPublishesAreChallengedThenLearnedUnderTheEidOfTheirBody() throws IOException {
        start();

        String initial = publishAuthenticated(15, null, null);
        assertThat(UdpSipPeer.status(initial)).isEqualTo(200);
        assertThat(UdpSipPeer.header(initial, "Expires")).isEqualTo("20");
        String etag = UdpSipPeer.header(initial, "SIP-ETag");
        assertThat(etag).isNotNull();
        String modify = publishAuthenticated(25, etag, null);

        assertThat(UdpSipPeer.status(modify)).isEqualTo(200);
        Await.until(ANSWER, () -> context.learnedDevices.contains(
                new DeviceStateUpdate("Custom:x", A2, DeviceState.NOT_INUSE, true)), () -> context.learnedDevices.toString());
        assertThat(link.status().peers()).isEqualTo(1);
    }

    @Test
    void aStateSentToTheLinkReachesThePeerAsAsterisksJsonOnTheEstablishedPublication() throws IOException {
        start();
        List<String> refreshes = accept(2);
        String devstateRefresh = refreshes.stream()
                .filter(r -> "asterisk-devicestate".equals(UdpSipPeer.header(r, "Event"))).findFirst().orElseThrow();

        link.sendDeviceState(new DeviceStateUpdate("Custom:x", A1, DeviceState.INUSE, true));
        link.sendMailbox(new MailboxUpdate("1000@default", A1, new MwiCounts(3, 5)));
        List<String> states = accept(2);

        assertThat(states).extracting(UdpSipPeer::body).containsExactlyInAnyOrder(
                "{\"type\":\"devicestate\",\"device\":\"Custom:x\",\"state\":\"INUSE\",\"cachable\":1,\"eid\":\"00:11:22:33:44:01\"}",
                "{\"type\":\"mailboxstate\",\"uniqueid\":\"1000@default\",\"old\":5,\"new\":3,\"eid\":\"00:11:22:33:44:01\"}");
        String devstate = states.stream().filter(r -> UdpSipPeer.body(r).contains("devicestate")).findFirst().orElseThrow();
        assertThat(UdpSipPeer.header(devstate, "Call-ID")).isEqualTo(UdpSipPeer.header(devstateRefresh, "Call-ID"));
        assertThat(UdpSipPeer.header(devstate, "SIP-If-Match")).isIn("100", "101");
    }

    @Test
    void aRefreshFromThePeerIsAnsweredWithEveryStateThisLinkMayCarry() throws IOException {
        context.devices.add(new DeviceStateUpdate("Custom:pre", A1, DeviceState.BUSY, true));
        start();
        accept(2);

        // Captured [15]: a2's startup refresh on asterisk-devicestate.
        assertThat(UdpSipPeer.status(publishAuthenticated(15, null, null))).isEqualTo(200);

        // statefed may send the state before or after its 200 to the refresh: both orders are fine.
        List<String> republished = answeredWhileWaiting.isEmpty() ? accept(1) : answeredWhileWaiting;
        assertThat(republished).singleElement().extracting(UdpSipPeer::body).isEqualTo(
                "{\"type\":\"devicestate\",\"device\":\"Custom:pre\",\"state\":\"BUSY\",\"cachable\":1,\"eid\":\"00:11:22:33:44:01\"}");
    }

    @Test
    void aPeerThatStopsRefreshingIsHandedToTheStaleRuleAfterItsExpiresAndGrace() throws IOException {
        start();
        int expires = 2;
        assertThat(UdpSipPeer.status(publishAuthenticated(25, null, Integer.toString(expires)))).isEqualTo(200);
        Await.until(ANSWER, () -> !context.learnedDevices.isEmpty(), () -> "nothing learned");

        Await.until(Duration.ofSeconds(expires).plus(InboundPublications.GRACE).plus(ANSWER),
                () -> context.gone.contains(Set.of(A2)), () -> "gone: " + context.gone);
        Await.until(ANSWER, () -> link.status().peers() == 0, () -> link.status().toString());
    }

    /** Hostile PUBLISHes from the matched, authenticated peer, each with the status it must get. */
    static Stream<Arguments> hostileBodies() {
        String device = "{\"type\":\"devicestate\",\"device\":\"Custom:x\",\"state\":\"NOT_INUSE\",\"cachable\":1,"
                + "\"eid\":\"00:11:22:33:44:0a\"}";
        return Stream.of(
                Arguments.of("bad JSON", "{\"type\":\"devicestate\",", 400),
                Arguments.of("unknown state", device.replace("NOT_INUSE", "NAPPING"), 400),
                Arguments.of("missing eid", device.replace(",\"eid\":\"00:11:22:33:44:0a\"", ""), 400),
                Arguments.of("mailbox body on devicestate",
                        "{\"type\":\"mailboxstate\",\"uniqueid\":\"1@d\",\"old\":0,\"new\":1,\"eid\":\"00:11:22:33:44:0a\"}", 400),
                Arguments.of("oversized", "{\"type\":\"refresh\",\"eid\":\"00:11:22:33:44:0a\",\"p\":\""
                        + "x".repeat(6000) + "\"}", 413),
                Arguments.of("statefed's own eid", device.replace("44:0a", "44:01"), 200));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void hostileBodyGetsItsStatusAndNothingIsLearned(String name, String body, int status) throws IOException {
        start();
        // Garbage that is not SIP at all first: the stack drops it and the listener lives on.
        peer.send("\u0000\u0001 not SIP \r\n\r\n");
        String captured = SipCapture.datagram(23).text();
        String hostile = captured.substring(0, captured.indexOf("Content-Length:")) + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;

        peer.send(peer.rewrite(hostile, null, null, null, null));
        String[] challenge = UdpSipPeer.challenge(awaitResponse());
        peer.send(peer.rewrite(hostile, null, challenge, "a2", IN_PASSWORD));

        assertThat(UdpSipPeer.status(awaitResponse())).isEqualTo(status);
        assertThat(context.learnedDevices).isEmpty();
        assertThat(context.learnedMailboxes).isEmpty();
    }

    @Test
    void publishToAnUnknownResourceIs404AndAnUnknownEventIs489() throws IOException {
        start();
        String captured = SipCapture.datagram(7).text();

        peer.send(peer.rewrite(captured.replace("sip:a2@127.0.0.1:5061 SIP/2.0", "sip:nobody@127.0.0.1:5061 SIP/2.0"),
                null, null, null, null));
        assertThat(UdpSipPeer.status(awaitResponse())).isEqualTo(404);

        peer.send(peer.rewrite(captured, null, null, null, null));
        String[] challenge = UdpSipPeer.challenge(awaitResponse());
        peer.send(peer.rewrite(captured.replace("Event: asterisk-devicestate", "Event: presence"), null, challenge, "a2",
                IN_PASSWORD));
        assertThat(UdpSipPeer.status(awaitResponse())).isEqualTo(489);
    }
}
