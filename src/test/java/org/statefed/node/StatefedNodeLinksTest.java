package org.statefed.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.config.AuthPolicy;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PubsubLayout;
import org.statefed.config.StatefedConfig;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;
import org.statefed.state.Origin;
import org.statefed.store.StateStore;

/** The hub with two LAN links and no XMPP account: what links learn, what they are sent, the stale rule. */
class StatefedNodeLinksTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId LAN_SERVER = EntityId.parse("00:11:22:33:55:a1");
    /** Short, so the stale test is quick; every wait below is derived from it. */
    private static final Duration STALE = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final RecordingLink corosync = new RecordingLink("corosync", LinkKind.COROSYNC);
    private final RecordingLink sip = new RecordingLink("sip", LinkKind.SIP_PUBLICATION);
    private final StatefedNode node = new StatefedNode(config(), Clock.systemUTC(), Optional.empty(),
            List.of(corosync, sip));

    private static StatefedConfig config() {
        GeneralConfig general = new GeneralConfig(false, false, true, false, true, AuthPolicy.ACCEPT, OWN, false,
                Path.of("/nonexistent/statefed-test.sock"), PubsubLayout.PER_SITE, STALE, Path.of("/nonexistent/s.db"));
        return new StatefedConfig(Path.of("test.conf"), general, List.of(), Map.of(), List.of());
    }

    @AfterEach
    void stop() {
        node.stop(Duration.ofSeconds(2));
    }

    @Test
    void whatALanLinkLearnsIsTaggedWithItAndSentToTheOtherLanLinkOnly() {
        node.start();
        LinkContext lan = corosync.context();

        assertThat(onMergeThread(lan, () -> lan.learnDeviceState("SIP/100", LAN_SERVER, DeviceState.INUSE, true)))
                .isTrue();

        assertThat(node.devices().origin("SIP/100", LAN_SERVER)).contains(new Origin("corosync"));
        assertThat(sip.sent()).containsExactly("SIP/100 " + LAN_SERVER + " INUSE");
        assertThat(corosync.sent()).isEmpty();
        assertThat(node.router().bridged()).containsExactly(LAN_SERVER);
    }

    @Test
    void aLocalChangeIsSentOnceToEveryLinkAndItsEchoIsNotLearned() {
        node.start();

        node.changeDeviceState("SIP/1", DeviceState.BUSY);
        node.updateMailbox("1@default", 2, 0);

        for (RecordingLink link : List.of(corosync, sip)) {
            assertThat(link.sent()).as(link.name()).containsExactly("SIP/1 " + OWN + " BUSY", "1@default " + OWN + " 2/0");
        }
        LinkContext lan = corosync.context();
        assertThat(onMergeThread(lan, () -> lan.learnDeviceState("SIP/1", OWN, DeviceState.NOT_INUSE, true))).isFalse();
        assertThat(node.devices().state("SIP/1", OWN)).contains(DeviceState.BUSY);
        assertThat(lan.deviceStatesFor()).extracting(DeviceStateUpdate::device).containsExactly("SIP/1");
        assertThat(lan.mailboxesFor()).extracting(MailboxUpdate::counts).containsExactly(new MwiCounts(2, 0));
    }

    @Test
    void aPeerThatLeftGoesStaleAfterStaleTimeoutUnlessItIsBack() {
        node.start();
        LinkContext lan = corosync.context();
        EntityId back = EntityId.parse("00:11:22:33:55:a2");
        onMergeThread(lan, () -> lan.learnDeviceState("SIP/100", LAN_SERVER, DeviceState.INUSE, true)
                && lan.learnDeviceState("SIP/200", back, DeviceState.RINGING, true));
        long start = System.nanoTime();

        lan.peersGone(Set.of(LAN_SERVER, back));
        lan.peersBack(Set.of(back));

        awaitTrue(STALE.plus(MARGIN), () -> node.devices().state("SIP/100", LAN_SERVER).isEmpty()
                && !node.router().bridged().contains(LAN_SERVER));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(STALE);
        assertThat(node.devices().state("SIP/200", back)).contains(DeviceState.RINGING);
        assertThat(node.router().bridged()).containsExactly(back);
    }

    @Test
    void aPeerGoneFromOneLinkTakesOnlyTheEntriesThatLinkGaveItsOthersStay() {
        node.start();
        LinkContext viaCorosync = corosync.context();
        LinkContext viaSip = sip.context();
        onMergeThread(viaCorosync, () -> viaCorosync.learnDeviceState("SIP/100", LAN_SERVER, DeviceState.INUSE, true)
                && viaCorosync.learnDeviceState("SIP/101", LAN_SERVER, DeviceState.INUSE, true)
                && viaSip.learnDeviceState("SIP/200", LAN_SERVER, DeviceState.RINGING, true));
        // SIP/101 heard again, unchanged, on the other link: that link confirms it now.
        onMergeThread(viaSip, () -> !viaSip.learnDeviceState("SIP/101", LAN_SERVER, DeviceState.INUSE, true));

        viaCorosync.peersGone(Set.of(LAN_SERVER));

        awaitTrue(STALE.plus(MARGIN), () -> node.devices().state("SIP/100", LAN_SERVER).isEmpty());
        assertThat(node.devices().state("SIP/101", LAN_SERVER)).contains(DeviceState.INUSE);
        assertThat(node.devices().state("SIP/200", LAN_SERVER)).contains(DeviceState.RINGING);
        assertThat(node.router().bridged()).containsExactly(LAN_SERVER);
    }

    @Test
    void anEntityIdAnotherLinkStillHearsIsKeptWhenOneLinkSawItLeave() {
        node.start();
        LinkContext viaCorosync = corosync.context();
        EntityId kept = EntityId.parse("00:11:22:33:55:a3");
        onMergeThread(viaCorosync, () -> viaCorosync.learnDeviceState("SIP/300", kept, DeviceState.BUSY, true)
                && viaCorosync.learnDeviceState("SIP/100", LAN_SERVER, DeviceState.INUSE, true));
        sip.hear(kept);

        viaCorosync.peersGone(Set.of(kept, LAN_SERVER));

        // Both timers fired (they hand their drops to the merge thread, which then runs them in order).
        awaitTrue(STALE.plus(MARGIN), () -> node.staleness().pending().isEmpty());
        onMergeThread(viaCorosync, () -> true);
        assertThat(node.devices().state("SIP/100", LAN_SERVER)).isEmpty();
        assertThat(node.devices().state("SIP/300", kept)).contains(DeviceState.BUSY);
    }

    @Test
    void readyWhenEveryLinkIsAndStatusesComeInLinkOrder() {
        assertThat(node.ready()).isFalse();
        node.start();
        assertThat(node.ready()).isTrue();
        assertThat(node.linkStatuses()).extracting(LinkStatus::name).containsExactly("corosync", "sip");
        assertThat(node.sites()).isEmpty();
    }

    @Test
    void aLinkMayNotTakeAReservedName() {
        assertThatThrownBy(() -> new StatefedNode(config(), Clock.systemUTC(), Optional.empty(),
                List.of(new RecordingLink("restored", LinkKind.COROSYNC)))).hasMessageContaining("reserved");
    }

    /** Links learn on the merge executor; this waits for the answer (the tables are then up to date). */
    @Test
    void entriesRestoredForAnEntityIdNoLinkHearsGoStaleFromStartUnlessALinkHearsIt(@TempDir Path dir)
            throws Exception {
        EntityId heard = EntityId.parse("00:11:22:33:55:a2");
        Path file = dir.resolve("state.db");
        try (StateStore store = StateStore.open(file, Clock.systemUTC())) {
            store.writer(OWN);
            store.putDevice("SIP/100", LAN_SERVER, DeviceState.INUSE, true, java.time.Instant.now());
            store.putMailbox("100@default", LAN_SERVER, new MwiCounts(1, 0), java.time.Instant.now());
            store.putDevice("SIP/200", heard, DeviceState.RINGING, true, java.time.Instant.now());
            store.putDevice("SIP/1", OWN, DeviceState.BUSY, true, java.time.Instant.now());
            store.commit();
        }
        RecordingLink lan = new RecordingLink("lan", LinkKind.COROSYNC);
        StatefedNode restarted = new StatefedNode(config(), Clock.systemUTC(), Optional.of(StateStore.open(file,
                Clock.systemUTC())), List.of(lan));
        try {
            long start = System.nanoTime();
            restarted.start();
            assertThat(restarted.staleness().pending()).as("not our own").containsExactlyInAnyOrder(LAN_SERVER, heard);

            LinkContext context = lan.context();
            onMergeThread(context, () -> context.learnDeviceState("SIP/200", heard, DeviceState.RINGING, true) || true);
            assertThat(restarted.staleness().pending()).as("heard: its timer stops").containsExactly(LAN_SERVER);

            // One drop removes the devices, then the mailboxes: wait for both, not for the first alone.
            awaitTrue(STALE.plus(MARGIN), () -> restarted.devices().state("SIP/100", LAN_SERVER).isEmpty()
                    && restarted.mailboxes().counts("100@default", LAN_SERVER).isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(STALE);
            assertThat(restarted.devices().state("SIP/200", heard)).contains(DeviceState.RINGING);
            assertThat(restarted.devices().state("SIP/1", OWN)).contains(DeviceState.BUSY);
        } finally {
            restarted.stop(Duration.ofSeconds(2));
        }
    }

    private static boolean onMergeThread(LinkContext context, BooleanSupplier learn) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        context.mergeExecutor().execute(() -> done.complete(learn.getAsBoolean()));
        try {
            return done.get(MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
