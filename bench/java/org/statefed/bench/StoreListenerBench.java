package org.statefed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MwiTable;
import org.statefed.store.StateStore;
import org.statefed.store.StoreWriter;

/**
 * What the state file costs the updating thread: {@link DeviceStateTableBench#updateChangingState} on the
 * same table, without a store and with a {@link StoreWriter} listening and its thread committing every
 * 100 ms (StatefedNode's interval) into a real file, as in {@code statefed run}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreListenerBench {
    @Param({"none", "store"})
    public String store;

    private DeviceStateTable table;
    private StoreWriter writer;
    private Path dir;
    private String[] names;
    private EntityId[] eids;
    private int next;

    @Setup
    public void fill() throws Exception {
        table = new DeviceStateTable(Clock.systemUTC());
        names = new String[DeviceStateTableBench.DEVICES];
        eids = new EntityId[10];
        for (int s = 0; s < eids.length; s++) {
            eids[s] = new EntityId(0x001122334400L + s);
        }
        for (int d = 0; d < names.length; d++) {
            names[d] = "PJSIP/" + (1000 + d);
            for (EntityId eid : eids) {
                table.update(names[d], eid, DeviceState.NOT_INUSE, true);
            }
        }
        if (store.equals("store")) {
            dir = Files.createTempDirectory("statefed-store-bench-");
            writer = new StoreWriter(StateStore.open(dir.resolve("state.db"), Clock.systemUTC()), table,
                    new MwiTable(Clock.systemUTC()), Map::of, Duration.ofMillis(100));
            writer.start(eids[0]);
        }
    }

    @TearDown
    public void close() throws IOException {
        if (writer != null) {
            writer.stop(Duration.ofSeconds(5));
            System.out.printf("%n[store] %d commits, %d keys written, file %d bytes%n", writer.commits(),
                    writer.keysWritten(), Files.size(dir.resolve("state.db")));
        }
    }

    /** Each (device, site) pair in turn, its state flipping on every visit: always a real change. */
    @Benchmark
    public boolean updateChangingState() {
        int n = next++ & Integer.MAX_VALUE;
        int pairs = names.length * eids.length;
        int pair = n % pairs;
        boolean odd = (n / pairs) % 2 == 0;
        return table.update(names[pair % names.length], eids[pair / names.length],
                odd ? DeviceState.INUSE : DeviceState.NOT_INUSE, true);
    }
}
