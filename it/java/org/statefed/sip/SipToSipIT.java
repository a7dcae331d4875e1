package org.statefed.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.statefed.config.DigestCredentials;
import org.statefed.config.SipHostPort;
import org.statefed.config.SipPublicationConfig;
import org.statefed.it.Await;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.MailboxUpdate;
import org.statefed.sip.jain.SipEndpoints;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * Two statefed SIP links on loopback, each the other's peer, digest both ways: states cross, a refreshed
 * publication keeps the peer live past several expirations, and a peer that restarts gets everything back
 * through the 412 and the full resend.
 */
class SipToSipIT {
    static final EntityId LEFT = EntityId.parse("00:11:22:33:44:01");
    static final EntityId RIGHT = EntityId.parse("00:11:22:33:44:02");
    /** The shortest expiration allowed: refreshes every 2 s. */
    static final Duration EXPIRATION = Duration.ofSeconds(4);
    static final Duration ANSWER = Duration.ofSeconds(10);

    private SipPublicationLink left;
    private SipPublicationLink right;

    @AfterEach
    void tearDown() {
        if (left != null) {
            left.stop(Duration.ofSeconds(5));
        }
        if (right != null) {
            right.stop(Duration.ofSeconds(5));
        }
    }

    private static SipPublicationConfig config(String name, int bind, String peerResource, int peerPort) {
        return config(name, bind, peerResource, peerPort, "");
    }

    private static SipPublicationConfig config(String name, int bind, String peerResource, int peerPort, String params) {
        return new SipPublicationConfig(name, new SipHostPort("127.0.0.1", bind),
                "sip:" + peerResource + "@127.0.0.1:" + peerPort + params, "sip:" + name + "@127.0.0.1:" + bind, name,
                Optional.of(new SipHostPort("127.0.0.1", peerPort)), true, true, Optional.empty(), Optional.empty(),
                EXPIRATION, Optional.of(new DigestCredentials(peerResource, "pw-" + peerResource)),
                Optional.of(new DigestCredentials(name, "pw-" + name)));
    }

    @Test
    void statesCrossBothWaysPublicationsStayLiveAndARestartedPeerGetsEverythingBack() throws IOException {
        int leftPort = UdpSipPeer.freeUdpAndTcpPort();
        int rightPort = UdpSipPeer.freeUdpAndTcpPort();
        FakeLinkContext leftContext = new FakeLinkContext(Clock.systemUTC(), LEFT);
        FakeLinkContext rightContext = new FakeLinkContext(Clock.systemUTC(), RIGHT);
        leftContext.devices.add(new DeviceStateUpdate("Custom:left", LEFT, DeviceState.INUSE, true));
        left = SipPublicationLink.create(config("left", leftPort, "right", rightPort), new SipEndpoints());
        right = SipPublicationLink.create(config("right", rightPort, "left", leftPort), new SipEndpoints());
        left.start(leftContext);
        right.start(rightContext);

        // Each side's startup refresh makes the other send what it holds.
        Await.until(ANSWER, () -> rightContext.learnedDevices.contains(
                new DeviceStateUpdate("Custom:left", LEFT, DeviceState.INUSE, true)), () -> rightContext.learnedDevices.toString());
        right.sendMailbox(new MailboxUpdate("1000@default", RIGHT, new MwiCounts(3, 5)));
        Await.until(ANSWER, () -> leftContext.learnedMailboxes.contains(
                new MailboxUpdate("1000@default", RIGHT, new MwiCounts(3, 5))), () -> leftContext.learnedMailboxes.toString());
        Await.until(ANSWER, () -> left.status().ready() && right.status().ready(),
                () -> left.status() + " / " + right.status());

        // Quiet: refreshes alone (every EXPIRATION / 2, two packages) must keep both peers live past the
        // inbound expiry plus grace (4 s + 5 s), so wait for five refresh rounds on each side.
        Duration fiveRounds = EXPIRATION.dividedBy(2).multipliedBy(5);
        Await.until(fiveRounds.plus(ANSWER), () -> left.counters().getOrDefault("outbound refreshes sent", 0L) >= 10
                && right.counters().getOrDefault("outbound refreshes sent", 0L) >= 10,
                () -> left.counters() + " / " + right.counters());
        assertThat(leftContext.gone).isEmpty();
        assertThat(rightContext.gone).isEmpty();
        assertThat(left.counters()).doesNotContainKey("outbound answered 412");

        // right restarts with empty tables on the same port: it asks for everything (startup refresh), and
        // left's next refresh, naming an ETag the new process never gave, gets 412 and resends everything.
        long bodiesBefore = left.counters().getOrDefault("outbound bodies sent", 0L);
        right.stop(Duration.ofSeconds(5));
        FakeLinkContext restarted = new FakeLinkContext(Clock.systemUTC(), RIGHT);
        right = SipPublicationLink.create(config("right", rightPort, "left", leftPort), new SipEndpoints());
        long restart = System.nanoTime();
        right.start(restarted);

        Await.until(ANSWER, () -> restarted.learnedDevices.contains(
                new DeviceStateUpdate("Custom:left", LEFT, DeviceState.INUSE, true)), () -> restarted.learnedDevices.toString());
        Duration relearned = Await.since(restart);
        // Left's publications must be live at the new process: either its next refresh got a 412 and it resent
        // everything, or the new process's startup refresh request made it send everything first (then its old
        // ETag is never refreshed, and no 412 comes: seen once in CI).
        Await.until(EXPIRATION.plus(ANSWER), () -> left.counters().getOrDefault("outbound answered 412", 0L) >= 1
                || left.counters().getOrDefault("outbound bodies sent", 0L) > bodiesBefore,
                () -> left.counters().toString());
        org.slf4j.LoggerFactory.getLogger(SipToSipIT.class).info("restarted peer relearned in {} ms; left: {}",
                relearned.toMillis(), left.counters());
    }

    @Test
    void overTcpStatesCrossAsOverUdp() throws IOException {
        int leftPort = UdpSipPeer.freeUdpAndTcpPort();
        int rightPort = UdpSipPeer.freeUdpAndTcpPort();
        FakeLinkContext leftContext = new FakeLinkContext(Clock.systemUTC(), LEFT);
        FakeLinkContext rightContext = new FakeLinkContext(Clock.systemUTC(), RIGHT);
        left = SipPublicationLink.create(config("left", leftPort, "right", rightPort, ";transport=tcp"), new SipEndpoints());
        right = SipPublicationLink.create(config("right", rightPort, "left", leftPort, ";transport=tcp"), new SipEndpoints());
        left.start(leftContext);
        right.start(rightContext);
        Await.until(ANSWER, () -> left.status().ready() && right.status().ready(),
                () -> left.status() + " / " + right.status());

        left.sendDeviceState(new DeviceStateUpdate("Custom:tcp", LEFT, DeviceState.RINGING, true));

        Await.until(ANSWER, () -> rightContext.learnedDevices.contains(
                new DeviceStateUpdate("Custom:tcp", LEFT, DeviceState.RINGING, true)), () -> rightContext.learnedDevices.toString());
    }
}
