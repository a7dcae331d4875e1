package org.statefed.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.config.DigestCredentials;
import org.statefed.config.SipHostPort;
import org.statefed.config.SipPublicationConfig;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.MailboxUpdate;
import org.statefed.sip.FakeTransport.Sent;
import org.statefed.sip.codec.EventPackage;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/** The SIP link's logic over a fake SIP stack, a fake hub and hand-moved time. */
class SipPublicationLinkTest {
    static final EntityId PEER = EntityId.parse("00:11:22:33:44:01");
    static final EntityId BRIDGED = EntityId.parse("00:11:22:33:44:77");
    static final String DEVSTATE = "asterisk-devicestate";
    static final String MWI = "asterisk-mwi";
    static final Duration EXPIRATION = Duration.ofSeconds(20);
    static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 5061);

    private FakeTimers timers;
    private FakeLinkContext context;
    private FakeTransport transport;
    private SipPublicationLink link;

    static SipPublicationConfig config(Optional<DigestCredentials> inbound, boolean mailboxState, Pattern deviceFilter) {
        return new SipPublicationConfig("pbx1", new SipHostPort("127.0.0.1", 5062), "sip:a1@127.0.0.1:5061",
                "sip:statefed@127.0.0.1:5062", "a2", Optional.empty(), true, mailboxState,
                Optional.ofNullable(deviceFilter), Optional.empty(), EXPIRATION, Optional.empty(), inbound);
    }

    @BeforeEach
    void setUp() {
        start(config(Optional.empty(), true, null));
    }

    private void start(SipPublicationConfig config) {
        timers = new FakeTimers();
        context = new FakeLinkContext(timers);
        transport = new FakeTransport();
        link = new SipPublicationLink(config, transport, Runnable::run, timers, new SecureRandom());
        link.start(context);
    }

    static IncomingPublish publish(String event, String ifMatch, int expires, String body) {
        return new IncomingPublish(event, ifMatch, expires, body == null ? null : "application/json",
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), FROM, Optional.empty());
    }

    static String device(String device, String state, EntityId eid) {
        return "{\"type\":\"devicestate\",\"device\":\"" + device + "\",\"state\":\"" + state + "\",\"cachable\":1,"
                + "\"eid\":\"" + eid + "\"}";
    }

    /** Answers the startup refresh PUBLISHes 200, so the publications are established. */
    private void establish() {
        for (Sent s : transport.open()) {
            s.respond(200, "e" + s.publish().cseq());
        }
    }

    @Test
    void startAsksThePeerForAllItsStatesOnEachPackageAsAsteriskDoesAtLoad() {
        assertThat(transport.sent).extracting(s -> s.publish().eventPackage())
                .containsExactly(EventPackage.DEVICE_STATE, EventPackage.MWI);
        assertThat(transport.sent).allSatisfy(s -> {
            assertThat(s.body()).isEqualTo("{\"type\":\"refresh\",\"eid\":\"00:11:22:33:44:0a\"}");
            assertThat(s.publish().ifMatch()).isNull();
            assertThat(s.publish().expires()).isEqualTo(20);
        });
        assertThat(link.status().ready()).isFalse();

        establish();

        assertThat(link.status().ready()).isTrue();
    }

    /** One row: the request, the status it must get. Each row runs on a fresh link holding publication "0". */
    static Stream<Arguments> inboundTable() {
        String good = device("Custom:x", "INUSE", PEER);
        return Stream.of(
                Arguments.of("initial with body", publish(DEVSTATE, null, 20, good), 200),
                Arguments.of("modify of a held etag", publish(DEVSTATE, "0", 20, good), 200),
                Arguments.of("refresh of a held etag", publish(DEVSTATE, "0", 20, null), 200),
                Arguments.of("remove of a held etag", publish(DEVSTATE, "0", 0, null), 200),
                Arguments.of("modify of an unknown etag", publish(DEVSTATE, "99", 20, good), 412),
                Arguments.of("refresh of an unknown etag", publish(DEVSTATE, "99", 20, null), 412),
                Arguments.of("etag of the other package", publish(MWI, "0", 20, null), 412),
                Arguments.of("neither SIP-If-Match nor body", publish(DEVSTATE, null, 20, null), 400),
                Arguments.of("unknown event", publish("presence", null, 20, good), 489),
                Arguments.of("no event", publish(null, null, 20, good), 489),
                Arguments.of("bad json", publish(DEVSTATE, null, 20, "{\"type\":"), 400),
                Arguments.of("unknown state", publish(DEVSTATE, null, 20, device("Custom:x", "DOZING", PEER)), 400),
                Arguments.of("oversized", publish(DEVSTATE, null, 20, "{\"pad\":\"" + "x".repeat(5000) + "\"}"), 413),
                Arguments.of("not json", new IncomingPublish(DEVSTATE, null, 20, "text/plain",
                        good.getBytes(StandardCharsets.UTF_8), FROM, Optional.empty()), 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundTable")
    void inboundPublishIsAnsweredAsResPjsipPubsubDoes(String name, IncomingPublish request, int status) {
        assertThat(transport.deliver(publish(DEVSTATE, null, 20, device("Custom:y", "BUSY", PEER))).etag())
                .isEqualTo("0");

        PublishAnswer answer = transport.deliver(request);

        assertThat(answer.status()).isEqualTo(status);
        if (status == 200) {
            assertThat(answer.etag()).isNotNull();
            assertThat(answer.expires()).isEqualTo(request.expires());
        } else {
            assertThat(answer.etag()).isNull();
        }
    }

    @Test
    void eachRefreshAndModifyGetsANewEtagAndTheOldOneIsNoLongerValid() {
        String first = transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", PEER))).etag();
        String second = transport.deliver(publish(DEVSTATE, first, 20, null)).etag();

        assertThat(second).isNotEqualTo(first);
        assertThat(transport.deliver(publish(DEVSTATE, first, 20, null)).status()).isEqualTo(412);
        assertThat(transport.deliver(publish(DEVSTATE, second, 20, null)).status()).isEqualTo(200);
    }

    @Test
    void mailboxStateOffAnswers404ForTheMwiPackage() {
        start(config(Optional.empty(), false, null));

        assertThat(transport.deliver(publish(MWI, null, 20, "{\"type\":\"refresh\",\"eid\":\"" + PEER + "\"}"))
                .status()).isEqualTo(404);
        assertThat(transport.sent).extracting(s -> s.publish().eventPackage()).containsExactly(EventPackage.DEVICE_STATE);
    }

    @Test
    void peerStatesAreLearnedUnderTheEntityIdOfTheBody() {
        transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", BRIDGED)));
        transport.deliver(publish(MWI, null, 20, "{\"type\":\"mailboxstate\",\"uniqueid\":\"1000@default\",\"old\":5,"
                + "\"new\":3,\"eid\":\"" + PEER + "\"}"));

        assertThat(context.learnedDevices).containsExactly(new DeviceStateUpdate("Custom:x", BRIDGED, DeviceState.INUSE, true));
        assertThat(context.learnedMailboxes).containsExactly(new MailboxUpdate("1000@default", PEER, new MwiCounts(3, 5)));
    }

    @Test
    void ourOwnEntityIdComingBackIsAcceptedButNeverLearned() {
        PublishAnswer answer = transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", FakeLinkContext.OWN)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(context.learnedDevices).isEmpty();
        assertThat(link.counters()).containsEntry("inbound own eid dropped", 1L);
    }

    @Test
    void deviceStateFilterAppliesInBothDirections() {
        start(config(Optional.empty(), true, Pattern.compile("^Custom:")));
        establish();

        transport.deliver(publish(DEVSTATE, null, 20, device("SIP/100", "INUSE", PEER)));
        link.sendDeviceState(new DeviceStateUpdate("SIP/200", FakeLinkContext.OWN, DeviceState.BUSY, true));

        assertThat(context.learnedDevices).isEmpty();
        assertThat(transport.open()).isEmpty();
    }

    @Test
    void refreshFromThePeerIsAnsweredWithEveryStateTheHubLetsThisLinkCarryEachWithItsEid() {
        establish();
        context.devices.add(new DeviceStateUpdate("Custom:x", FakeLinkContext.OWN, DeviceState.NOT_INUSE, true));
        context.devices.add(new DeviceStateUpdate("Custom:x", BRIDGED, DeviceState.RINGING, true));
        context.mailboxes.add(new MailboxUpdate("1000@default", BRIDGED, new MwiCounts(1, 2)));

        transport.deliver(publish(DEVSTATE, null, 20, "{\"type\":\"refresh\",\"eid\":\"" + PEER + "\"}"));
        answerAll("etag");

        assertThat(transport.sent.subList(2, transport.sent.size())).extracting(Sent::body).containsExactly(
                "{\"type\":\"devicestate\",\"device\":\"Custom:x\",\"state\":\"NOT_INUSE\",\"cachable\":1,\"eid\":\"00:11:22:33:44:0a\"}",
                "{\"type\":\"devicestate\",\"device\":\"Custom:x\",\"state\":\"RINGING\",\"cachable\":1,\"eid\":\"00:11:22:33:44:77\"}");
    }

    /** Answers every open PUBLISH 200 until none is left (each answer may release the next). */
    private void answerAll(String etagPrefix) {
        for (int i = 0; i < 100 && !transport.open().isEmpty(); i++) {
            Sent s = transport.open().get(0);
            s.respond(200, etagPrefix + s.publish().cseq());
        }
    }

    @Test
    void sendsAreCoalescedPerDeviceAndEidWhileARequestIsInFlight() {
        // The startup refresh is still unanswered: everything queues behind it.
        link.sendDeviceState(new DeviceStateUpdate("Custom:x", FakeLinkContext.OWN, DeviceState.INUSE, true));
        link.sendDeviceState(new DeviceStateUpdate("Custom:y", FakeLinkContext.OWN, DeviceState.BUSY, true));
        link.sendDeviceState(new DeviceStateUpdate("Custom:x", FakeLinkContext.OWN, DeviceState.RINGING, true));
        link.sendDeviceState(new DeviceStateUpdate("Custom:x", BRIDGED, DeviceState.ONHOLD, true));

        answerAll("e");

        List<Sent> devstate = transport.sent.stream().filter(s -> s.publish().eventPackage() == EventPackage.DEVICE_STATE)
                .toList();
        assertThat(devstate).extracting(Sent::body).containsExactly(
                "{\"type\":\"refresh\",\"eid\":\"00:11:22:33:44:0a\"}",
                device("Custom:x", "RINGING", FakeLinkContext.OWN),
                device("Custom:y", "BUSY", FakeLinkContext.OWN),
                device("Custom:x", "ONHOLD", BRIDGED));
        // One publication: one Call-ID, CSeq one up each time, each modify names the last ETag.
        assertThat(devstate).extracting(s -> s.publish().callId()).containsOnly(devstate.get(0).publish().callId());
        for (int i = 1; i < devstate.size(); i++) {
            assertThat(devstate.get(i).publish().cseq()).isEqualTo(devstate.get(i - 1).publish().cseq() + 1);
            assertThat(devstate.get(i).publish().ifMatch()).isEqualTo("e" + devstate.get(i - 1).publish().cseq());
        }
    }

    @Test
    void publicationIsRefreshedWithoutBodyBeforeItExpires() {
        establish();
        Sent established = transport.sent.get(0);

        timers.advance(EXPIRATION.minus(OutboundPublication.REFRESH_AHEAD).minusMillis(1));
        assertThat(transport.open()).isEmpty();
        timers.advance(Duration.ofMillis(1));

        assertThat(transport.open()).hasSize(2).allSatisfy(s -> {
            assertThat(s.publish().body()).isNull();
            assertThat(s.publish().ifMatch()).isNotNull();
        });
        assertThat(transport.open().get(0).publish().callId()).isEqualTo(established.publish().callId());
    }

    @Test
    void after412ThePublicationIsReestablishedWithAFreshInitialPublishAndAFullResend() {
        establish();
        context.devices.add(new DeviceStateUpdate("Custom:pre", FakeLinkContext.OWN, DeviceState.BUSY, true));
        link.sendDeviceState(new DeviceStateUpdate("Custom:x", FakeLinkContext.OWN, DeviceState.INUSE, true));
        Sent modify = transport.open().get(0);
        assertThat(modify.publish().ifMatch()).isNotNull();

        modify.respond(412, null);

        Sent initial = transport.open().get(0);
        assertThat(initial.publish().ifMatch()).isNull();
        assertThat(initial.publish().callId()).isNotEqualTo(modify.publish().callId());
        assertThat(initial.body()).isEqualTo(device("Custom:x", "INUSE", FakeLinkContext.OWN));
        initial.respond(200, "n1");
        assertThat(transport.open()).singleElement().satisfies(s -> {
            assertThat(s.body()).isEqualTo(device("Custom:pre", "BUSY", FakeLinkContext.OWN));
            assertThat(s.publish().ifMatch()).isEqualTo("n1");
        });
    }

    @Test
    void aFailedPublishIsRetriedWithBackoffAndNoBodyIsLost() {
        establish();
        link.sendDeviceState(new DeviceStateUpdate("Custom:x", FakeLinkContext.OWN, DeviceState.INUSE, true));
        transport.open().get(0).answer().complete(new PublishResult(408, "Request Timeout", null, 0));
        link.sendDeviceState(new DeviceStateUpdate("Custom:y", FakeLinkContext.OWN, DeviceState.BUSY, true));
        assertThat(transport.open()).isEmpty();

        timers.advance(OutboundPublication.FIRST_RETRY);

        assertThat(transport.open()).singleElement().extracting(Sent::body)
                .isEqualTo(device("Custom:x", "INUSE", FakeLinkContext.OWN));
        assertThat(link.status().detail()).anyMatch(l -> l.contains("last error 408 Request Timeout"));
    }

    @Test
    void aPeerWhosePublicationsExpireIsGoneWithItsEntityIdsAndBackWhenItPublishesAgain() {
        transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", PEER)));
        transport.deliver(publish(MWI, null, 30, "{\"type\":\"refresh\",\"eid\":\"" + PEER + "\"}"));
        assertThat(link.status().peers()).isEqualTo(1);

        timers.advance(Duration.ofSeconds(20).plus(InboundPublications.GRACE).plusMillis(5));
        assertThat(context.gone).as("the mwi publication still lives").isEmpty();
        timers.advance(Duration.ofSeconds(10));

        assertThat(context.gone).containsExactly(Set.of(PEER));
        assertThat(link.status().peers()).isZero();
        int backBefore = context.back.size();
        transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "NOT_INUSE", PEER)));
        assertThat(context.back.subList(backBefore, context.back.size())).containsExactly(Set.of(PEER));
        assertThat(link.status().peers()).isEqualTo(1);
    }

    @Test
    void asterisksRefreshExactlyAtExpirationIsStillAnswered200() {
        String etag = transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", PEER))).etag();

        // res_pjsip_outbound_publish re-PUBLISHes "expiration" seconds after the 200 OK (plus the way back).
        timers.advance(EXPIRATION.plusMillis(300));

        assertThat(transport.deliver(publish(DEVSTATE, etag, 20, null)).status()).isEqualTo(200);
        assertThat(context.gone).isEmpty();
    }

    @Test
    void removingTheLastPublicationHandsThePeersEidsToTheStaleRule() {
        String etag = transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", PEER))).etag();

        transport.deliver(publish(DEVSTATE, etag, 0, null));

        assertThat(context.gone).containsExactly(Set.of(PEER));
    }

    @Test
    void withInboundCredentialsThePeerIsChallengedAndAdmittedOnlyWithTheRightDigest() {
        start(config(Optional.of(new DigestCredentials("a2", "lab-secret")), true, null));
        IncomingPublish plain = publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", PEER));

        PublishAnswer challenge = transport.deliver(plain);
        assertThat(challenge.status()).isEqualTo(401);
        DigestChallenge c = challenge.challenge().orElseThrow();

        PublishAnswer wrong = transport.deliver(withDigest(plain, c, "a2", "not-it"));
        PublishAnswer right = transport.deliver(withDigest(plain, c, "a2", "lab-secret"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.status()).isEqualTo(200);
        assertThat(context.learnedDevices).hasSize(1);
    }

    static IncomingPublish withDigest(IncomingPublish request, DigestChallenge c, String user, String password) {
        String uri = "sip:a2@127.0.0.1:5062";
        String ha1 = DigestAuthenticator.md5(user + ":" + c.realm() + ":" + password);
        String ha2 = DigestAuthenticator.md5("PUBLISH:" + uri);
        String response = DigestAuthenticator.md5(ha1 + ":" + c.nonce() + ":00000001:0a4f113b:auth:" + ha2);
        return new IncomingPublish(request.event(), request.ifMatch(), request.expires(), request.contentType(),
                request.body(), request.source(), Optional.of(new DigestResponse(user, c.realm(), c.nonce(), uri, response,
                        "MD5", "0a4f113b", "auth", "00000001", c.opaque())));
    }

    @Test
    void aBindThatFailsIsRetriedWithBackoff() {
        timers = new FakeTimers();
        context = new FakeLinkContext(timers);
        transport = new FakeTransport();
        transport.attachFailures = 1;
        link = new SipPublicationLink(config(Optional.empty(), true, null), transport, Runnable::run, timers,
                new SecureRandom());
        link.start(context);
        assertThat(link.status().state()).startsWith("Cannot listen on 127.0.0.1:5062");

        timers.advance(OutboundPublication.FIRST_RETRY);

        assertThat(link.status().state()).isEqualTo("Listening on 127.0.0.1:5062");
        assertThat(transport.sent).hasSize(2);
    }

    @Test
    void stopClosesTheTransportAndSendsNothingMore() {
        establish();
        link.stop(Duration.ofSeconds(5));
        link.sendDeviceState(new DeviceStateUpdate("Custom:x", FakeLinkContext.OWN, DeviceState.INUSE, true));

        assertThat(transport.closed).isTrue();
        assertThat(transport.open()).isEmpty();
        assertThat(link.status().ready()).isFalse();
    }

    @Test
    void aLinkOnItsOwnThreadAcceptsSendsAfterStopWithoutThrowing() {
        SipPublicationLink own = SipPublicationLink.create(config(Optional.empty(), true, null), new FakeTransport());
        own.start(new FakeLinkContext(java.time.Clock.systemUTC()));
        own.stop(Duration.ofSeconds(5));

        own.sendDeviceState(new DeviceStateUpdate("Custom:x", FakeLinkContext.OWN, DeviceState.INUSE, true));
        own.sendMailbox(new MailboxUpdate("1000@default", FakeLinkContext.OWN, new MwiCounts(1, 0)));

        assertThat(own.status().ready()).isFalse();
    }

    @Test
    void aPeerOpeningPublicationAfterPublicationIsCappedAndTheOldOnesStillWork() {
        String first = transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", PEER))).etag();
        for (int i = 1; i < InboundPublications.MAX_PUBLICATIONS; i++) {
            assertThat(transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "INUSE", PEER))).status())
                    .isEqualTo(200);
        }

        assertThat(transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "BUSY", PEER))).status())
                .isEqualTo(503);
        assertThat(transport.deliver(publish(DEVSTATE, first, 20, null)).status()).isEqualTo(200);
        timers.advance(EXPIRATION.plus(InboundPublications.GRACE).plusSeconds(1));
        assertThat(transport.deliver(publish(DEVSTATE, null, 20, device("Custom:x", "BUSY", PEER))).status())
                .isEqualTo(200);
    }
}
