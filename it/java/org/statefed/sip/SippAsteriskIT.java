package org.statefed.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.config.DigestCredentials;
import org.statefed.config.SipHostPort;
import org.statefed.config.SipPublicationConfig;
import org.statefed.it.Await;
import org.statefed.it.fixture.Sipp;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.MailboxUpdate;
import org.statefed.sip.jain.SipEndpoints;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * SIPp, a SIP implementation that is not ours, playing Asterisk against the SIP link: it publishes as
 * res_pjsip_publish_asterisk does (answering statefed's digest challenge with its own digest code), and it
 * receives statefed's publications, checking their headers and JSON bodies with its own regexes.
 */
class SippAsteriskIT {
    static final EntityId STATEFED = EntityId.parse("00:11:22:33:44:01");
    static final EntityId ASTERISK = EntityId.parse("00:11:22:33:44:0a");
    /** SIPp's whole run: a few round trips on loopback, generous for a loaded machine. */
    static final Duration RUN = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private SipPublicationLink link;
    private Sipp sipp;

    @BeforeAll
    static void sippIsInstalled() {
        assumeTrue(Sipp.available(), "SIPp is not installed (Debian package sip-tester; scripts/install-test-deps.sh"
                + " installs it)");
    }

    @AfterEach
    void tearDown() {
        if (sipp != null) {
            sipp.close();
        }
        if (link != null) {
            link.stop(Duration.ofSeconds(5));
        }
    }

    private SipPublicationLink link(int bind, int peerPort, Optional<DigestCredentials> inbound) {
        return SipPublicationLink.create(new SipPublicationConfig("a2", new SipHostPort("127.0.0.1", bind),
                "sip:a1@127.0.0.1:" + peerPort, "sip:a1@127.0.0.1:" + bind, "a2",
                Optional.of(new SipHostPort("127.0.0.1", peerPort)), true, true, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(60), Optional.empty(), inbound), new SipEndpoints());
    }

    @Test
    void sippPublishingAsAsteriskIsChallengedLearnedUnderItsEidAndGoneOnRemove() throws IOException, InterruptedException {
        int bind = UdpSipPeer.freeUdpAndTcpPort();
        int sippPort = UdpSipPeer.freeUdpAndTcpPort();
        FakeLinkContext context = new FakeLinkContext(Clock.systemUTC(), STATEFED);
        link = link(bind, sippPort, Optional.of(new DigestCredentials("a2", "in-lab-password")));
        link.start(context);
        Await.until(RUN, () -> link.status().state().startsWith("Listening"), () -> link.status().state());

        sipp = Sipp.start(dir, "asterisk-publishes.xml", RUN, List.of("-i", "127.0.0.1", "-p",
                Integer.toString(sippPort), "-s", "a2", "-m", "1", "127.0.0.1:" + bind));

        assertThat(sipp.await(RUN.plusSeconds(5))).as("sipp exit code\n%s", sipp.logs()).isZero();
        assertThat(context.learnedDevices).containsExactly(
                new DeviceStateUpdate("Custom:x", ASTERISK, DeviceState.NOT_INUSE, true),
                new DeviceStateUpdate("Custom:x", ASTERISK, DeviceState.INUSE, true));
        Await.until(RUN, () -> context.gone.contains(Set.of(ASTERISK)), () -> "gone " + context.gone);
    }

    @Test
    void sippReceivingAsAsteriskGetsTheRefreshThenEachStateAsJsonOnItsPublication() throws InterruptedException, IOException {
        int bind = UdpSipPeer.freeUdpAndTcpPort();
        int sippPort = UdpSipPeer.freeUdpAndTcpPort();
        // SIPp is a separate process: statefed's first PUBLISH may come before it listens, and is then
        // retransmitted (T1 = 500 ms) until it does.
        sipp = Sipp.start(dir, "asterisk-receives.xml", RUN, List.of("-i", "127.0.0.1", "-p",
                Integer.toString(sippPort), "-m", "2"));
        FakeLinkContext context = new FakeLinkContext(Clock.systemUTC(), STATEFED);
        link = link(bind, sippPort, Optional.empty());
        link.start(context);
        Await.until(RUN, () -> link.status().ready(), () -> link.status() + "\n" + sipp.logs());

        link.sendDeviceState(new DeviceStateUpdate("Custom:b", STATEFED, DeviceState.BUSY, true));
        link.sendMailbox(new MailboxUpdate("1000@default", STATEFED, new MwiCounts(3, 5)));

        assertThat(sipp.await(RUN.plusSeconds(5))).as("sipp exit code\n%s", sipp.logs()).isZero();
    }
}
