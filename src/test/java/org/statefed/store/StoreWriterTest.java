package org.statefed.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;

class StoreWriterTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId PEER = EntityId.parse("00:11:22:33:44:02");
    private static final Instant START = Instant.parse("2026-11-30T07:00:00Z");
    /** Long enough that the writer thread never flushes during a test: the tests flush by hand. */
    private static final Duration NEVER = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(START);
    private final DeviceStateTable devices = new DeviceStateTable(clock);
    private final MwiTable mailboxes = new MwiTable(clock);
    private final Map<EntityId, String> sites = new ConcurrentHashMap<>();

    @TempDir
    Path dir;
    private Path file;
    private StoreWriter writer;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("state.db");
        writer = new StoreWriter(StateStore.open(file, clock), devices, mailboxes, () -> Map.copyOf(sites), NEVER);
        writer.start(OWN);
    }

    @AfterEach
    void close() {
        writer.stop(Duration.ofSeconds(5));
    }

    @Test
    void manyChangesOfOneEntryAreWrittenOnceAsTheLastValue() throws Exception {
        DeviceState[] states = {DeviceState.INUSE, DeviceState.RINGING, DeviceState.NOT_INUSE, DeviceState.BUSY};
        for (int i = 0; i < 1_000; i++) {
            clock.advance(Duration.ofMillis(1));
            devices.update("SIP/100", PEER, states[i % states.length], true);
        }

        assertThat(writer.flush()).isEqualTo(1);
        assertThat(writer.keysWritten()).isEqualTo(1);
        assertThat(writer.commits()).isEqualTo(1);
        assertThat(writer.flush()).isZero();
        assertThat(reopen().devices()).containsExactly(
                new StoredDevice("SIP/100", PEER, DeviceState.BUSY, true, START.plusMillis(1_000)));
    }

    @Test
    void aRemovedEntryIsRemovedFromTheFile() throws Exception {
        devices.update("SIP/100", PEER, DeviceState.INUSE, true);
        mailboxes.update("100@default", PEER, new MwiCounts(1, 0));
        writer.flush();

        devices.removeEntity(PEER);
        mailboxes.removeEntity(PEER);
        writer.flush();

        assertThat(reopen().isEmpty()).isTrue();
    }

    @Test
    void stopWritesWhatIsStillDirtyAndTheSitesKnownThen() throws Exception {
        devices.update("Custom:a", OWN, DeviceState.INUSE, false);
        mailboxes.update("100@default", PEER, new MwiCounts(2, 5));
        sites.put(PEER, "site2@example.com");

        StoredState state = reopen();

        assertThat(state.entityId()).contains(OWN);
        assertThat(state.devices()).containsExactly(new StoredDevice("Custom:a", OWN, DeviceState.INUSE, false, START));
        assertThat(state.mailboxes()).containsExactly(new StoredMailbox("100@default", PEER, new MwiCounts(2, 5), START));
        assertThat(state.sites()).isEqualTo(Map.of(PEER, "site2@example.com"));
    }

    @Test
    void restoredEntriesAreNotRewrittenAndKeepTheirTime() throws Exception {
        Instant before = START.minusSeconds(600);
        devices.restore("SIP/100", PEER, DeviceState.RINGING, true, before);

        assertThat(writer.flush()).isZero();
        devices.update("SIP/200", PEER, DeviceState.INUSE, true);
        assertThat(writer.flush()).isEqualTo(1);
    }

    private StoredState reopen() throws Exception {
        writer.stop(Duration.ofSeconds(5));
        try (StateStore store = StateStore.open(file, clock)) {
            return store.restored();
        }
    }
}
