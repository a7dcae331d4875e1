package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.statefed.state.DeviceState.BUSY;
import static org.statefed.state.DeviceState.INUSE;
import static org.statefed.state.DeviceState.NOT_INUSE;
import static org.statefed.state.DeviceState.RINGING;
import static org.statefed.state.DeviceState.RINGINUSE;
import static org.statefed.state.DeviceState.UNAVAILABLE;
import static org.statefed.state.DeviceState.UNKNOWN;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceStateTableTest {
    private static final EntityId LOCAL = EntityId.parse("00:00:00:00:00:01");
    private static final EntityId REMOTE = EntityId.parse("00:00:00:00:00:02");
    private static final EntityId THIRD = EntityId.parse("00:00:00:00:00:03");
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final DeviceStateTable table = new DeviceStateTable(clock);
    private final RecordingDeviceListener listener = new RecordingDeviceListener();

    @BeforeEach
    void listen() {
        table.addListener(listener);
    }

    @Test
    void remoteInUseWinsOverLocalIdle() {
        table.update("SIP/100", LOCAL, NOT_INUSE, true);
        table.update("SIP/100", REMOTE, INUSE, true);

        assertThat(table.aggregate("SIP/100")).isEqualTo(INUSE);
        assertThat(table.state("SIP/100", LOCAL)).contains(NOT_INUSE);
        assertThat(table.state("SIP/100", REMOTE)).contains(INUSE);
    }

    @Test
    void busyAtOneSiteAndRingingAtAnotherAggregateToRingInUse() {
        table.update("SIP/100", LOCAL, BUSY, true);
        table.update("SIP/100", REMOTE, RINGING, true);

        assertThat(table.aggregate("SIP/100")).isEqualTo(RINGINUSE);
    }

    @ParameterizedTest(name = "{0} + {1} + {2} -> {3}")
    @CsvSource({
        "NOT_INUSE,   NOT_INUSE,   NOT_INUSE, NOT_INUSE",
        "UNAVAILABLE, UNKNOWN,     INVALID,   UNAVAILABLE",
        "RINGING,     NOT_INUSE,   ONHOLD,    RINGINUSE",
        "ONHOLD,      INUSE,       NOT_INUSE, INUSE",
        "INVALID,     INVALID,     INVALID,   INVALID",
        "UNKNOWN,     UNKNOWN,     UNKNOWN,   UNKNOWN",
        "RINGING,     UNAVAILABLE, UNKNOWN,   RINGING",
    })
    void threeSitesAggregateAsAsteriskDoes(DeviceState a, DeviceState b, DeviceState c, DeviceState expected) {
        table.update("SIP/100", LOCAL, a, true);
        table.update("SIP/100", REMOTE, b, true);
        table.update("SIP/100", THIRD, c, true);

        assertThat(table.aggregate("SIP/100")).isEqualTo(expected);
        assertThat(table.snapshot("SIP/100")).get().extracting(DeviceSnapshot::aggregate).isEqualTo(expected);
    }

    @Test
    void deviceNoSiteReportsIsUnknownNotInvalid() {
        assertThat(table.aggregate("SIP/nobody")).isEqualTo(UNKNOWN);
        assertThat(table.state("SIP/nobody", LOCAL)).isEmpty();
        assertThat(table.snapshot("SIP/nobody")).isEmpty();
    }

    @Test
    void deviceNamesAreCaseSensitive() {
        table.update("SIP/alice", LOCAL, INUSE, true);

        assertThat(table.aggregate("SIP/ALICE")).isEqualTo(UNKNOWN);
        assertThat(table.deviceCount()).isEqualTo(1);
    }

    @Test
    void updateReportsChangeOfStateOrCachableAndAlwaysStampsTheTime() {
        assertThat(table.update("SIP/100", LOCAL, INUSE, true)).as("new entry").isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(table.update("SIP/100", LOCAL, INUSE, true)).as("same again").isFalse();
        assertThat(entry("SIP/100", LOCAL).updatedAt()).isEqualTo(START.plusSeconds(5));

        clock.advance(Duration.ofSeconds(5));
        assertThat(table.update("SIP/100", LOCAL, INUSE, false)).as("cachable flag").isTrue();
        assertThat(entry("SIP/100", LOCAL)).isEqualTo(new EntrySnapshot(LOCAL, INUSE, false, START.plusSeconds(10)));
        assertThat(table.update("SIP/100", LOCAL, BUSY, false)).as("state").isTrue();
    }

    @Test
    void listenersToldOnlyOnRealAggregateChange() {
        table.update("SIP/100", LOCAL, INUSE, true);
        table.update("SIP/100", LOCAL, INUSE, true);
        table.update("SIP/100", REMOTE, NOT_INUSE, true);
        table.update("SIP/100", REMOTE, UNAVAILABLE, false);
        table.update("SIP/100", REMOTE, RINGING, false);

        assertThat(listener.events()).containsExactly(
                "entry SIP/100 00:00:00:00:00:01 INUSE cachable",
                "aggregate SIP/100 UNKNOWN->INUSE",
                "entry SIP/100 00:00:00:00:00:02 NOT_INUSE cachable",
                "entry SIP/100 00:00:00:00:00:02 UNAVAILABLE",
                "entry SIP/100 00:00:00:00:00:02 RINGING",
                "aggregate SIP/100 INUSE->RINGINUSE");
    }

    @Test
    void newDeviceReportedUnknownChangesNoAggregate() {
        table.update("SIP/100", LOCAL, UNKNOWN, true);

        assertThat(listener.aggregateEvents()).isEmpty();
        assertThat(table.deviceCount()).isEqualTo(1);
    }

    @Test
    void removingTheLastEntryGoesBackToUnknownAndDropsTheDevice() {
        table.update("SIP/100", LOCAL, INUSE, true);
        table.update("SIP/100", REMOTE, BUSY, true);
        listener.clear();

        assertThat(table.remove("SIP/100", REMOTE)).isTrue();
        assertThat(table.remove("SIP/100", REMOTE)).isFalse();
        assertThat(table.aggregate("SIP/100")).isEqualTo(INUSE);
        assertThat(table.remove("SIP/100", LOCAL)).isTrue();

        assertThat(table.aggregate("SIP/100")).isEqualTo(UNKNOWN);
        assertThat(table.deviceCount()).isZero();
        assertThat(table.snapshot()).isEmpty();
        assertThat(listener.events()).containsExactly(
                "removed SIP/100 00:00:00:00:00:02",
                "aggregate SIP/100 BUSY->INUSE",
                "removed SIP/100 00:00:00:00:00:01",
                "aggregate SIP/100 INUSE->UNKNOWN");
    }

    @Test
    void removeEntityRemovesEverySiteEntryAndRecomputesAggregates() {
        table.update("SIP/100", LOCAL, NOT_INUSE, true);
        table.update("SIP/100", REMOTE, INUSE, true);
        table.update("SIP/200", REMOTE, RINGING, true);
        table.update("SIP/300", LOCAL, BUSY, true);
        listener.clear();

        assertThat(table.removeEntity(REMOTE)).isEqualTo(2);

        assertThat(table.aggregate("SIP/100")).isEqualTo(NOT_INUSE);
        assertThat(table.aggregate("SIP/200")).isEqualTo(UNKNOWN);
        assertThat(table.aggregate("SIP/300")).isEqualTo(BUSY);
        assertThat(table.entities()).containsExactly(LOCAL);
        assertThat(table.deviceCount()).isEqualTo(2);
        assertThat(listener.events()).containsExactlyInAnyOrder(
                "removed SIP/100 00:00:00:00:00:02",
                "aggregate SIP/100 INUSE->NOT_INUSE",
                "removed SIP/200 00:00:00:00:00:02",
                "aggregate SIP/200 RINGING->UNKNOWN");
        assertThat(table.removeEntity(REMOTE)).isZero();
    }

    @Test
    void statesOfListsOneSiteSortedByDevice() {
        table.update("SIP/300", LOCAL, BUSY, true);
        table.update("Custom:a", LOCAL, INUSE, true);
        table.update("SIP/100", REMOTE, RINGING, true);
        table.update("SIP/100", LOCAL, NOT_INUSE, true);

        Map<String, DeviceState> states = table.statesOf(LOCAL);

        assertThat(states).containsExactly(
                Map.entry("Custom:a", INUSE), Map.entry("SIP/100", NOT_INUSE), Map.entry("SIP/300", BUSY));
        assertThatThrownBy(() -> states.put("SIP/400", INUSE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(table.statesOf(THIRD)).isEmpty();
    }

    @Test
    void entitiesAreTheSitesWithAnEntry() {
        table.update("SIP/100", THIRD, BUSY, true);
        table.update("SIP/200", LOCAL, BUSY, true);

        assertThat(table.entities()).containsExactly(LOCAL, THIRD);
    }

    @Test
    void snapshotIsSortedByDeviceThenSite() {
        table.update("SIP/200", THIRD, RINGING, false);
        clock.advance(Duration.ofSeconds(1));
        table.update("SIP/200", LOCAL, INUSE, true);
        table.update("SIP/100", REMOTE, NOT_INUSE, true);

        assertThat(table.snapshot()).containsExactly(
                new DeviceSnapshot("SIP/100", NOT_INUSE, List.of(
                        new EntrySnapshot(REMOTE, NOT_INUSE, true, START.plusSeconds(1)))),
                new DeviceSnapshot("SIP/200", RINGINUSE, List.of(
                        new EntrySnapshot(LOCAL, INUSE, true, START.plusSeconds(1)),
                        new EntrySnapshot(THIRD, RINGING, false, START))));
    }

    @Test
    void manySitesOnOneDeviceStaySortedAndFindable() {
        for (int i = 20; i >= 1; i--) {
            table.update("SIP/100", new EntityId(i * 7L), i == 13 ? RINGING : NOT_INUSE, true);
        }
        table.update("SIP/100", new EntityId(5 * 7L), BUSY, true);

        DeviceSnapshot snapshot = table.snapshot("SIP/100").orElseThrow();
        assertThat(snapshot.entries()).hasSize(20).extracting(EntrySnapshot::eid).isSorted();
        assertThat(snapshot.aggregate()).isEqualTo(RINGINUSE);
        assertThat(table.state("SIP/100", new EntityId(13 * 7L))).contains(RINGING);
    }

    @Test
    void throwingListenerIsCountedAndDoesNotStopOthersOrCorruptTheTable() {
        DeviceStateTable fresh = new DeviceStateTable(clock);
        IllegalStateException boom = new IllegalStateException("listener bug");
        fresh.addListener(new DeviceStateListener() {
            @Override
            public void aggregateChanged(String device, DeviceState previous, DeviceState current) {
                throw boom;
            }
        });
        fresh.addListener(listener);

        assertThat(fresh.update("SIP/100", LOCAL, INUSE, true)).isTrue();
        fresh.update("SIP/100", LOCAL, BUSY, true);

        assertThat(fresh.aggregate("SIP/100")).isEqualTo(BUSY);
        assertThat(listener.aggregateEvents()).containsExactly(
                "aggregate SIP/100 UNKNOWN->INUSE", "aggregate SIP/100 INUSE->BUSY");
        assertThat(fresh.listenerFailures()).isEqualTo(2);
        assertThat(fresh.lastListenerFailure()).containsSame(boom);
    }

    @Test
    void removedListenerHearsNothingMore() {
        table.removeListener(listener);
        table.update("SIP/100", LOCAL, INUSE, true);

        assertThat(listener.events()).isEmpty();
        assertThat(table.listenerFailures()).isZero();
    }

    @Test
    void rejectsMissingArguments() {
        assertThatThrownBy(() -> table.update("", LOCAL, INUSE, true)).hasMessageContaining("device name");
        assertThatThrownBy(() -> table.update(null, LOCAL, INUSE, true)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> table.update("SIP/1", null, INUSE, true)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> table.update("SIP/1", LOCAL, null, true)).isInstanceOf(NullPointerException.class);
        assertThat(table.deviceCount()).isZero();
    }

    @Test
    void restoredEntryCountsWithItsOldTimeUntilAnUpdateReplacesIt() {
        Instant before = START.minusSeconds(3_600);
        table.update("SIP/100", LOCAL, NOT_INUSE, true);

        assertThat(table.restore("SIP/100", REMOTE, RINGING, false, before)).isTrue();

        assertThat(table.aggregate("SIP/100")).isEqualTo(RINGING);
        assertThat(entry("SIP/100", REMOTE)).isEqualTo(new EntrySnapshot(REMOTE, RINGING, false, before, true));
        clock.advance(Duration.ofSeconds(1));
        table.update("SIP/100", REMOTE, RINGING, false);
        assertThat(entry("SIP/100", REMOTE)).isEqualTo(new EntrySnapshot(REMOTE, RINGING, false, START.plusSeconds(1)));
    }

    @Test
    void restoreNeverOverwritesAnEntryThatIsAlreadyThere() {
        table.update("SIP/100", REMOTE, INUSE, true);

        assertThat(table.restore("SIP/100", REMOTE, RINGING, true, START.minusSeconds(60))).isFalse();

        assertThat(entry("SIP/100", REMOTE)).isEqualTo(new EntrySnapshot(REMOTE, INUSE, true, START));
    }

    @Test
    void restoreTellsOnlyTheAggregateListeners() {
        table.restore("SIP/100", REMOTE, INUSE, true, START.minusSeconds(60));

        assertThat(listener.events()).containsExactly("aggregate SIP/100 UNKNOWN->INUSE");
    }

    private EntrySnapshot entry(String device, EntityId eid) {
        return table.snapshot(device).orElseThrow().entries().stream()
                .filter(e -> e.eid().equals(eid)).findFirst().orElseThrow();
    }
}
