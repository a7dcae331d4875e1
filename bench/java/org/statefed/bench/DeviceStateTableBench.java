package org.statefed.bench;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateListener;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;

/**
 * The table's cost with 10 and 50 sites per device ({@link #sites}): an update that changes a site's state (lock, scan, new
 * aggregate, listeners), an update that only refreshes the timestamp, and the lock-free aggregate read.
 * One no-op listener stands for StatefedNode's, so the listener loop is paid as in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeviceStateTableBench {
    static final int DEVICES = 1000;

    /** Sites per device: 10 (issue 6) and 50 (issue 15: an update scans the device's entries, so it grows with N). */
    @Param({"10", "50"})
    public int sites;

    private DeviceStateTable table;
    private String[] names;
    private EntityId[] eids;
    private int next;

    @Setup
    public void fill() {
        table = new DeviceStateTable(Clock.systemUTC());
        table.addListener(new DeviceStateListener() {
        });
        names = new String[DEVICES];
        eids = new EntityId[sites];
        for (int s = 0; s < sites; s++) {
            eids[s] = new EntityId(0x001122334400L + s);
        }
        for (int d = 0; d < DEVICES; d++) {
            names[d] = "PJSIP/" + (1000 + d);
            for (EntityId eid : eids) {
                table.update(names[d], eid, DeviceState.NOT_INUSE, true);
            }
        }
    }

    /** Each (device, site) pair in turn, its state flipping on every visit: always a real change. */
    @Benchmark
    public boolean updateChangingState() {
        int n = next++ & Integer.MAX_VALUE;
        int pair = n % (DEVICES * sites);
        boolean odd = (n / (DEVICES * sites)) % 2 == 0;
        return table.update(names[pair % DEVICES], eids[pair / DEVICES], odd ? DeviceState.INUSE : DeviceState.NOT_INUSE,
                true);
    }

    /** The same state again: only the entry's timestamp moves. */
    @Benchmark
    public boolean updateSameState() {
        int n = next++ & Integer.MAX_VALUE;
        int pair = n % (DEVICES * sites);
        return table.update(names[pair % DEVICES], eids[pair / DEVICES], DeviceState.NOT_INUSE, true);
    }

    @Benchmark
    public DeviceState aggregate() {
        return table.aggregate(names[(next++ & Integer.MAX_VALUE) % DEVICES]);
    }
}
