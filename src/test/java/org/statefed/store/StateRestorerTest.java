package org.statefed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;

class StateRestorerTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId FORMER_OWN = EntityId.parse("00:11:22:33:44:0f");
    private static final EntityId BUDDY = EntityId.parse("00:11:22:33:44:02");
    private static final EntityId EX_BUDDY = EntityId.parse("00:11:22:33:44:03");
    private static final EntityId ANONYMOUS = EntityId.parse("00:11:22:33:44:04");
    private static final Instant T = Instant.parse("2026-11-30T06:00:00Z");

    private final MutableClock clock = new MutableClock(T.plusSeconds(60));
    private final DeviceStateTable devices = new DeviceStateTable(clock);
    private final MwiTable mailboxes = new MwiTable(clock);

    @Test
    void ownBuddiesAndUnknownSitesComeBackFormerOwnAndExBuddiesDoNot() {
        StoredState state = new StoredState(Optional.of(FORMER_OWN), List.of(
                new StoredDevice("SIP/1", OWN, DeviceState.INUSE, true, T),
                new StoredDevice("SIP/1", FORMER_OWN, DeviceState.BUSY, true, T),
                new StoredDevice("SIP/1", BUDDY, DeviceState.RINGING, true, T),
                new StoredDevice("SIP/1", EX_BUDDY, DeviceState.ONHOLD, true, T),
                new StoredDevice("SIP/1", ANONYMOUS, DeviceState.NOT_INUSE, true, T)),
                List.of(new StoredMailbox("1@x", EX_BUDDY, new MwiCounts(1, 1), T)),
                Map.of(BUDDY, "b@example.com", EX_BUDDY, "gone@example.com"), 0);

        StateRestorer.Restored restored = StateRestorer.restore(state, OWN, Set.of("b@example.com")::contains, devices,
                mailboxes, clock, "state.db");

        assertThat(devices.snapshot("SIP/1").orElseThrow().entries()).extracting(e -> e.eid())
                .containsExactly(OWN, BUDDY, ANONYMOUS);
        assertThat(devices.aggregate("SIP/1")).isEqualTo(DeviceState.RINGINUSE);
        assertThat(mailboxes.snapshot()).isEmpty();
        assertThat(restored).isEqualTo(new StateRestorer.Restored(3, 0, 3, Map.of(BUDDY, "b@example.com"),
                Optional.of(T)));
    }
}
