package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.Hint;
import org.statefed.state.HintTable;
import org.statefed.state.ExtensionState;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;

class StaleSitesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId SITE2 = EntityId.parse("00:11:22:33:44:02");
    private static final EntityId SITE3 = EntityId.parse("00:11:22:33:44:03");
    private static final EntityBareJid B2 = jid("site2@example.com");
    private static final EntityBareJid B3 = jid("site3@example.com");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final DeviceStateTable devices = new DeviceStateTable(clock);
    private final MwiTable mailboxes = new MwiTable(clock);
    private final HintTable hints = new HintTable(devices);
    private final Counters counters = new Counters();
    private final EntityBindings bindings = new EntityBindings();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final StaleSites stale = new StaleSites("test", List.of(B2, B3), TIMEOUT, bindings, scheduler,
            Runnable::run, devices, mailboxes, counters);

    private static EntityBareJid jid(String s) {
        try {
            return JidCreate.entityBareFrom(s);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @BeforeEach
    void twoLiveBuddiesAndOurselves() {
        bindings.declare(B2, SITE2);
        bindings.declare(B3, SITE3);
        hints.put(Hint.parse("100@phones", "SIP/100"));
        devices.update("SIP/100", OWN, DeviceState.NOT_INUSE, true);
        devices.update("SIP/100", SITE2, DeviceState.INUSE, true);
        devices.update("SIP/300", SITE3, DeviceState.BUSY, true);
        mailboxes.update("1000@default", SITE2, new MwiCounts(2, 0));
        stale.sessionStarted(Set.of(B2, B3));
    }

    @Test
    void offlineBuddyKeepsItsStatesUntilTheTimeoutThenEveryEntryOfItsEntityIdGoes() {
        stale.unavailable(B2);
        scheduler.advance(TIMEOUT.minusMillis(1));
        assertThat(devices.aggregate("SIP/100")).isEqualTo(DeviceState.INUSE);
        assertThat(remote(B2).liveness()).isEqualTo(RemoteSite.Liveness.AWAY);

        scheduler.advance(Duration.ofMillis(1));
        assertThat(devices.state("SIP/100", SITE2)).isEmpty();
        assertThat(devices.aggregate("SIP/100")).isEqualTo(DeviceState.NOT_INUSE);
        assertThat(hints.state("100@phones")).contains(ExtensionState.IDLE);
        assertThat(mailboxes.effective("1000@default")).isEmpty();
        assertThat(devices.state("SIP/300", SITE3)).contains(DeviceState.BUSY);
        assertThat(remote(B2).liveness()).isEqualTo(RemoteSite.Liveness.STALE);
        assertThat(counters.get(Counters.Counter.SITES_WENT_STALE)).isEqualTo(1);
    }

    @Test
    void aStaleSiteTakesOnlyWhatThisAccountLearnedNotWhatALanLinkHearsUnderTheSameEntityId() {
        // site3 bridged a LAN server that this node's own LAN link hears too.
        EntityId lanServer = EntityId.parse("00:11:22:33:55:a1");
        bindings.declareBridged(B3, Set.of(lanServer));
        devices.update("SIP/lan-wan", lanServer, DeviceState.RINGING, true, new org.statefed.state.Origin("test"));
        devices.update("SIP/lan", lanServer, DeviceState.INUSE, true, new org.statefed.state.Origin("corosync"));

        stale.unavailable(B3);
        scheduler.advance(TIMEOUT);

        assertThat(devices.state("SIP/300", SITE3)).isEmpty();
        assertThat(devices.state("SIP/lan-wan", lanServer)).isEmpty();
        assertThat(devices.state("SIP/lan", lanServer)).contains(DeviceState.INUSE);
    }

    @Test
    void buddyBackBeforeTheTimeoutKeepsItsStates() {
        stale.unavailable(B2);
        scheduler.advance(Duration.ofSeconds(10));
        stale.available(B2);
        scheduler.advance(TIMEOUT.multipliedBy(3));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.INUSE);
        assertThat(remote(B2).liveness()).isEqualTo(RemoteSite.Liveness.ONLINE);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void staleBuddyThatReturnsIsOnlineAgainAndItsRepublishedStatesStay() {
        stale.unavailable(B2);
        scheduler.advance(TIMEOUT);
        stale.available(B2);
        devices.update("SIP/100", SITE2, DeviceState.RINGING, true);
        scheduler.advance(TIMEOUT.multipliedBy(2));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.RINGING);
        assertThat(remote(B2).liveness()).isEqualTo(RemoteSite.Liveness.ONLINE);
    }

    @Test
    void ourOwnOutageDropsNothingHoweverLongItLasts() {
        stale.unavailable(B2);
        stale.connectionLost();
        stale.unavailable(B3);
        scheduler.advance(TIMEOUT.multipliedBy(10));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.INUSE);
        assertThat(devices.state("SIP/300", SITE3)).contains(DeviceState.BUSY);
        assertThat(remote(B2).liveness()).isEqualTo(RemoteSite.Liveness.UNKNOWN);
    }

    @Test
    void afterOurReconnectASilentBuddyGoesStaleAfterTheTimeoutAndAnAnsweringOneDoesNot() {
        stale.connectionLost();
        scheduler.advance(TIMEOUT.multipliedBy(5));
        stale.sessionStarted(Set.of(B3));
        scheduler.advance(TIMEOUT.minusSeconds(1));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.INUSE);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(devices.state("SIP/100", SITE2)).isEmpty();
        assertThat(devices.state("SIP/300", SITE3)).contains(DeviceState.BUSY);
    }

    @Test
    void buddyWithUnknownEntityIdKeepsItsStatesAndSaysSoUntilItsIdIsLearned() {
        EntityBareJid unknown = jid("asterisk@example.com");
        StaleSites withUnknown = new StaleSites("test", List.of(unknown), TIMEOUT, bindings, scheduler, Runnable::run,
                devices, mailboxes, counters);
        EntityId asteriskEid = EntityId.parse("00:11:22:33:44:09");
        devices.update("SIP/900", asteriskEid, DeviceState.INUSE, true);
        withUnknown.sessionStarted(Set.of(unknown));
        withUnknown.unavailable(unknown);
        scheduler.advance(TIMEOUT.multipliedBy(2));
        assertThat(devices.state("SIP/900", asteriskEid)).contains(DeviceState.INUSE);
        assertThat(withUnknown.snapshot().get(0).liveness()).isEqualTo(RemoteSite.Liveness.UNKNOWN_EID);

        bindings.check(unknown, asteriskEid);
        withUnknown.eidLearned(unknown);
        scheduler.advance(TIMEOUT);
        assertThat(devices.state("SIP/900", asteriskEid)).isEmpty();
    }

    @Test
    void siteRestartedWithANewEntityIdWithinTheTimeoutHasItsOldIdsStatesDroppedAfterTheTimeout() {
        EntityId renamed = EntityId.parse("00:11:22:33:44:bb");
        stale.unavailable(B2);
        scheduler.advance(TIMEOUT.dividedBy(2));
        stale.available(B2);
        bindings.declare(B2, renamed);
        stale.eidRetired(B2, SITE2, renamed);
        devices.update("SIP/100", renamed, DeviceState.RINGING, true);
        scheduler.advance(TIMEOUT.minusMillis(1));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.INUSE);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(devices.state("SIP/100", SITE2)).isEmpty();
        assertThat(mailboxes.effective("1000@default")).isEmpty();
        assertThat(devices.state("SIP/100", renamed)).contains(DeviceState.RINGING);
        assertThat(counters.get(Counters.Counter.ENTITY_IDS_RETIRED)).isEqualTo(1);
        assertThat(bindings.eidsOf(B2)).containsExactly(renamed);
    }

    @Test
    void staleBuddyTakesEveryEntityIdItEverUsedWithIt() {
        // Announces :02, publishes BUSY under it, re-announces :bb and leaves before the old id retires.
        EntityId renamed = EntityId.parse("00:11:22:33:44:bb");
        devices.update("SIP/222", SITE2, DeviceState.BUSY, true);
        bindings.declare(B2, renamed);
        stale.eidRetired(B2, SITE2, renamed);
        devices.update("SIP/223", renamed, DeviceState.INUSE, true);
        stale.unavailable(B2);
        scheduler.advance(TIMEOUT);
        assertThat(devices.state("SIP/222", SITE2)).isEmpty();
        assertThat(devices.state("SIP/223", renamed)).isEmpty();
        assertThat(devices.state("SIP/300", SITE3)).contains(DeviceState.BUSY);
    }

    @Test
    void takingTheOldIdUpAgainCallsOffItsRetirement() {
        EntityId renamed = EntityId.parse("00:11:22:33:44:bb");
        bindings.declare(B2, renamed);
        stale.eidRetired(B2, SITE2, renamed);
        bindings.declare(B2, SITE2);
        stale.eidRetired(B2, renamed, SITE2);
        scheduler.advance(TIMEOUT.multipliedBy(2));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.INUSE);
    }

    @Test
    void aSecondOfflineReportDoesNotRestartTheClock() {
        // Heartbeats report the buddy silent; the server's unavailable presence comes later.
        stale.unavailable(B2);
        scheduler.advance(TIMEOUT.minusSeconds(5));
        stale.unavailable(B2);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(devices.state("SIP/100", SITE2)).isEmpty();
    }

    @Test
    void zeroTimeoutDropsAtOnce() {
        StaleSites immediate = new StaleSites("test", List.of(B3), Duration.ZERO, bindings, scheduler, Runnable::run,
                devices, mailboxes, counters);
        immediate.sessionStarted(Set.of(B3));
        immediate.unavailable(B3);
        scheduler.advance(Duration.ZERO);
        assertThat(devices.state("SIP/300", SITE3)).isEmpty();
    }

    private RemoteSite remote(EntityBareJid jid) {
        return stale.snapshot().stream().filter(r -> r.jid().equals(jid)).findFirst().orElseThrow();
    }
}
