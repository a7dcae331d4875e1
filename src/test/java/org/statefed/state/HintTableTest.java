package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.statefed.state.DeviceState.BUSY;
import static org.statefed.state.DeviceState.INUSE;
import static org.statefed.state.DeviceState.NOT_INUSE;
import static org.statefed.state.DeviceState.ONHOLD;
import static org.statefed.state.DeviceState.RINGING;
import static org.statefed.state.DeviceState.UNKNOWN;
import static org.statefed.state.ExtensionState.IDLE;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HintTableTest {
    private static final EntityId SITE_A = EntityId.parse("0a:00:00:00:00:01");
    private static final EntityId SITE_B = EntityId.parse("0b:00:00:00:00:02");

    private final DeviceStateTable devices = new DeviceStateTable(new MutableClock(Instant.EPOCH));
    private final HintTable hints = new HintTable(devices);
    private final List<String> told = new CopyOnWriteArrayList<>();

    HintTableTest() {
        hints.addListener((hint, previous, current) -> told.add(hint.name() + " " + previous + "->" + current));
    }

    @ParameterizedTest(name = "A {0} + B {1} -> {2}, hint {3}")
    @CsvSource({
        "NOT_INUSE,   NOT_INUSE,   NOT_INUSE,   Idle",
        "NOT_INUSE,   INUSE,       INUSE,       InUse",
        "BUSY,        RINGING,     RINGINUSE,   InUse&Ringing",
        "ONHOLD,      NOT_INUSE,   ONHOLD,      Hold",
        "ONHOLD,      RINGING,     RINGINUSE,   InUse&Ringing",
        "INUSE,       ONHOLD,      INUSE,       InUse",
        "UNAVAILABLE, NOT_INUSE,   NOT_INUSE,   Idle",
        "UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, Unavailable",
        "UNAVAILABLE, UNKNOWN,     UNAVAILABLE, Unavailable",
        "INVALID,     UNKNOWN,     UNKNOWN,     Idle",
        "INVALID,     INVALID,     INVALID,     Unavailable",
        "RINGING,     NOT_INUSE,   RINGING,     Ringing",
        "BUSY,        INUSE,       BUSY,        Busy",
    })
    void twoSitesAggregateAndDriveTheHint(DeviceState a, DeviceState b, DeviceState aggregate, String hintState) {
        hints.put(Hint.parse("100@default", "SIP/100"));

        devices.update("SIP/100", SITE_A, a, true);
        devices.update("SIP/100", SITE_B, b, true);

        assertThat(devices.aggregate("SIP/100")).isEqualTo(aggregate);
        assertThat(hints.state("100@default")).get().extracting(ExtensionState::displayName).isEqualTo(hintState);
    }

    @Test
    void hintOnUnreportedDeviceIsIdle() {
        hints.put(Hint.parse("100@default", "SIP/100&Custom:nobody"));

        assertThat(hints.state("100@default")).contains(IDLE);
    }

    @Test
    void hintAggregatesItsDevicesClusterWideStates() {
        hints.put(Hint.parse("100@default", "SIP/100&Custom:dnd"));

        devices.update("SIP/100", SITE_A, RINGING, true);
        devices.update("Custom:dnd", SITE_B, BUSY, true);

        assertThat(hints.state("100@default")).contains(ExtensionState.INUSE_RINGING);
    }

    @Test
    void removeEntityRecomputesAggregatesAndHints() {
        hints.put(Hint.parse("100@default", "SIP/100"));
        hints.put(Hint.parse("200@default", "SIP/200"));
        devices.update("SIP/100", SITE_A, NOT_INUSE, true);
        devices.update("SIP/100", SITE_B, INUSE, true);
        devices.update("SIP/200", SITE_B, RINGING, true);
        told.clear();

        assertThat(devices.removeEntity(SITE_B)).isEqualTo(2);

        assertThat(devices.aggregate("SIP/100")).isEqualTo(NOT_INUSE);
        assertThat(devices.aggregate("SIP/200")).isEqualTo(UNKNOWN);
        assertThat(hints.state("100@default")).contains(IDLE);
        assertThat(hints.state("200@default")).contains(IDLE);
        assertThat(told).containsExactlyInAnyOrder("100@default InUse->Idle", "200@default Ringing->Idle");
    }

    @Test
    void hintListenersToldOnlyOnRealChange() {
        hints.put(Hint.parse("100@default", "SIP/100&SIP/101"));

        devices.update("SIP/100", SITE_A, NOT_INUSE, true);
        devices.update("SIP/100", SITE_A, UNKNOWN, true);
        devices.update("SIP/101", SITE_A, INUSE, true);
        devices.update("SIP/100", SITE_B, ONHOLD, true);
        devices.update("SIP/999", SITE_A, BUSY, true);
        devices.update("SIP/101", SITE_A, BUSY, true);

        assertThat(told).containsExactly("100@default Idle->InUse", "100@default InUse->Busy");
    }

    @Test
    void newHintIsNotAnnouncedButReplacingOneIsWhenItsStateDiffers() {
        devices.update("SIP/100", SITE_A, INUSE, true);
        devices.update("SIP/200", SITE_A, INUSE, true);

        hints.put(Hint.parse("100@default", "SIP/100"));
        hints.put(Hint.parse("100@default", "SIP/200"));
        assertThat(told).isEmpty();

        hints.put(Hint.parse("100@default", "SIP/300"));
        assertThat(told).containsExactly("100@default InUse->Idle");
        assertThat(hints.snapshot()).containsExactly(
                new HintSnapshot(Hint.parse("100@default", "SIP/300"), IDLE));

        devices.update("SIP/100", SITE_A, BUSY, true);
        assertThat(told).as("the replaced hint's device no longer drives it").hasSize(1);
    }

    @Test
    void removedHintIsGoneAndSilent() {
        hints.put(Hint.parse("100@default", "SIP/100"));

        assertThat(hints.remove("100@default")).isTrue();
        assertThat(hints.remove("100@default")).isFalse();
        devices.update("SIP/100", SITE_A, INUSE, true);

        assertThat(hints.state("100@default")).isEmpty();
        assertThat(hints.snapshot()).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void snapshotIsSortedByName() {
        hints.put(Hint.parse("200@default", "SIP/200"));
        hints.put(Hint.parse("100@internal", "SIP/100"));
        hints.put(Hint.parse("100@default", "SIP/100"));
        devices.update("SIP/100", SITE_A, INUSE, true);

        assertThat(hints.snapshot()).extracting(s -> s.hint().name() + "=" + s.state().displayName())
                .containsExactly("100@default=InUse", "100@internal=InUse", "200@default=Idle");
    }

    @Test
    void deviceNamedTwiceInOneHintIsHarmless() {
        hints.put(Hint.parse("100@default", "SIP/100&SIP/100"));

        devices.update("SIP/100", SITE_A, RINGING, true);
        assertThat(hints.remove("100@default")).isTrue();
        devices.update("SIP/100", SITE_A, INUSE, true);

        assertThat(told).containsExactly("100@default Idle->Ringing");
    }

    @Test
    void throwingHintListenerIsCountedAndDoesNotStopOthers() {
        HintTable table = new HintTable(devices);
        List<String> heard = new CopyOnWriteArrayList<>();
        table.addListener((hint, previous, current) -> {
            throw new IllegalStateException("listener bug");
        });
        table.addListener((hint, previous, current) -> heard.add(current.displayName()));
        table.put(Hint.parse("100@default", "SIP/100"));

        devices.update("SIP/100", SITE_A, INUSE, true);

        assertThat(heard).containsExactly("InUse");
        assertThat(table.listenerFailures()).isEqualTo(1);
        assertThat(table.lastListenerFailure()).get().extracting(Throwable::getMessage).isEqualTo("listener bug");
        assertThat(devices.listenerFailures()).as("contained inside the hint table").isZero();
    }
}
