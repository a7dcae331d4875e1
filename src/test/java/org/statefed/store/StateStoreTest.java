package org.statefed.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiCounts;

class StateStoreTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId PEER = EntityId.parse("00:11:22:33:44:02");
    private static final Instant T1 = Instant.parse("2026-11-30T06:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-11-30T06:00:05.456Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T07:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void whatWasCommittedIsReadBackWithItsTimesAndSites() throws Exception {
        Path file = dir.resolve("state.db");
        try (StateStore store = StateStore.open(file, clock)) {
            assertThat(store.restored()).isEqualTo(StoredState.EMPTY);
            store.writer(OWN);
            store.putDevice("Custom:my state", OWN, DeviceState.INUSE, true, T1);
            store.putDevice("Custom:my state", PEER, DeviceState.RINGING, false, T2);
            store.putDevice("PJSIP/gone", PEER, DeviceState.BUSY, true, T2);
            store.removeDevice("PJSIP/gone", PEER);
            store.putMailbox("100@default", PEER, new MwiCounts(3, 1), T2);
            store.putSite(PEER, "site2@example.com");
            store.commit();
        }

        try (StateStore store = StateStore.open(file, clock)) {
            StoredState state = store.restored();
            assertThat(state.entityId()).contains(OWN);
            assertThat(state.devices()).containsExactlyInAnyOrder(
                    new StoredDevice("Custom:my state", OWN, DeviceState.INUSE, true, T1),
                    new StoredDevice("Custom:my state", PEER, DeviceState.RINGING, false, T2));
            assertThat(state.mailboxes()).containsExactly(new StoredMailbox("100@default", PEER, new MwiCounts(3, 1), T2));
            assertThat(state.sites()).isEqualTo(Map.of(PEER, "site2@example.com"));
            assertThat(state.unreadable()).isZero();
        }
    }

    @Test
    void aFileThatIsNotAStoreIsMovedAsideAndTheNodeStartsFromEmpty() throws Exception {
        Path file = dir.resolve("state.db");
        byte[] garbage = "this is not an MVStore file, it was damaged or written by something else\n".repeat(200)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(file, garbage);

        try (StateStore store = StateStore.open(file, clock)) {
            assertThat(store.restored()).isEqualTo(StoredState.EMPTY);
            store.putDevice("SIP/1", OWN, DeviceState.INUSE, true, T1);
            store.commit();
        }

        assertThat(asideFiles()).singleElement().satisfies(aside -> {
            assertThat(aside.getFileName().toString()).isEqualTo("state.db.corrupt-20261130T070000.000Z");
            assertThat(Files.readAllBytes(aside)).isEqualTo(garbage);
        });
        try (StateStore again = StateStore.open(file, clock)) {
            assertThat(again.restored().devices()).hasSize(1);
        }
    }

    @Test
    void aStoreWithADamagedChunkIsMovedAsideAndTheNodeStartsFromEmpty() throws Exception {
        Path file = dir.resolve("state.db");
        try (StateStore store = StateStore.open(file, clock)) {
            store.putDevice("SIP/1", OWN, DeviceState.INUSE, true, T1);
            store.commit();
        }
        byte[] bytes = Files.readAllBytes(file);
        // Overwrite everything after the two 4 KB header blocks: every chunk is damaged.
        for (int i = 8192; i < bytes.length; i++) {
            bytes[i] = (byte) 0x5a;
        }
        Files.write(file, bytes);

        try (StateStore store = StateStore.open(file, clock)) {
            assertThat(store.restored()).isEqualTo(StoredState.EMPTY);
        }
        assertThat(asideFiles()).hasSize(1);
    }

    @Test
    void recordsThisVersionCannotReadAreSkippedAndCounted() {
        assertThat(StoreRecords.device("00:11:22:33:44:01 SIP/1", "NOT_A_STATE 1 5")).isEmpty();
        assertThat(StoreRecords.device("no-eid-here", "INUSE 1 5")).isEmpty();
        assertThat(StoreRecords.device("00:11:22:33:44:01 SIP/1", "INUSE 2 5")).isEmpty();
        assertThat(StoreRecords.mailbox("00:11:22:33:44:01 1@x", "-1 0 5")).isEmpty();
        assertThat(StoreRecords.device("00:11:22:33:44:01 SIP/a b", "INUSE 0 5")).contains(
                new StoredDevice("SIP/a b", OWN, DeviceState.INUSE, false, Instant.ofEpochMilli(5)));
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsAClearErrorNotAnEmptyStart() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("state.db");

        assertThatThrownBy(() -> StateStore.open(file, clock)).isInstanceOf(StateStoreException.class)
                .hasMessage("state_file " + file + ": its directory " + notADirectory + " does not exist (or is not a "
                        + "directory); create it, writable by the user statefed runs as, or set state_file to another path");
        assertThat(StateFileCheck.problemWith(file)).isPresent();
        assertThat(StateFileCheck.problemWith(dir.resolve("state.db"))).isEqualTo(Optional.empty());
    }

    @Test
    void aFileAnotherStoreHoldsOpenIsAClearErrorAndIsNotMovedAside() throws Exception {
        Path file = dir.resolve("state.db");
        try (StateStore first = StateStore.open(file, clock)) {
            assertThatThrownBy(() -> StateStore.open(file, clock)).isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("is in use by another process");
        }
        assertThat(asideFiles()).isEmpty();
    }

    private java.util.List<Path> asideFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".corrupt-")).toList();
        }
    }
}
