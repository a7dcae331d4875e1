package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiTable;

/** Sites restored from the state file: bound as remembered until the buddy says otherwise, and stale if away. */
class RestoredSitesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final EntityId SITE2 = EntityId.parse("00:11:22:33:44:02");
    private static final EntityId SITE2_NEW = EntityId.parse("00:11:22:33:44:22");
    private static final EntityBareJid B2 = jid("site2@example.com");
    private static final EntityBareJid B3 = jid("site3@example.com");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final DeviceStateTable devices = new DeviceStateTable(clock);
    private final EntityBindings bindings = new EntityBindings();

    private static EntityBareJid jid(String s) {
        try {
            return JidCreate.entityBareFrom(s);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aRestoredSiteNotOnlineAtLoginGoesStaleAfterTheTimeout() {
        ManualScheduler scheduler = new ManualScheduler();
        StaleSites stale = new StaleSites("test", List.of(B2, B3), TIMEOUT, bindings, scheduler, Runnable::run, devices,
                new MwiTable(clock), new Counters());
        devices.restore("SIP/100", SITE2, DeviceState.INUSE, true, clock.instant().minusSeconds(600));
        bindings.restore(B2, SITE2);

        stale.sessionStarted(Set.of(B3));
        scheduler.advance(TIMEOUT.minusMillis(1));
        assertThat(devices.aggregate("SIP/100")).isEqualTo(DeviceState.INUSE);
        scheduler.advance(Duration.ofMillis(1));

        assertThat(devices.aggregate("SIP/100")).isEqualTo(DeviceState.UNKNOWN);
    }

    @Test
    void whatTheBuddySendsReplacesTheRestoredBinding() {
        bindings.restore(B2, SITE2);

        assertThat(bindings.check(B2, SITE2_NEW)).isEqualTo(EntityBindings.Verdict.BOUND);
        assertThat(bindings.eidOf(B2)).contains(SITE2_NEW);
        assertThat(bindings.buddyOf(SITE2)).isEmpty();
        // Once the buddy itself spoke, the usual rule holds again.
        assertThat(bindings.check(B2, SITE2)).isEqualTo(EntityBindings.Verdict.FORGED);
    }

    @Test
    void anotherBuddyMayClaimAnEntityIdOnlyTheFileGaveAway() {
        bindings.restore(B2, SITE2);

        assertThat(bindings.declare(B3, SITE2)).isEqualTo(EntityBindings.Verdict.BOUND);
        assertThat(bindings.buddyOf(SITE2)).contains(B3);
        assertThat(bindings.eidOf(B2)).isEmpty();
    }

    @Test
    void restoringNeverOverridesALiveBinding() {
        bindings.declare(B2, SITE2_NEW);

        bindings.restore(B2, SITE2);

        assertThat(bindings.eidOf(B2)).contains(SITE2_NEW);
        assertThat(bindings.check(B2, SITE2)).isEqualTo(EntityBindings.Verdict.FORGED);
    }
}
