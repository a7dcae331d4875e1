package org.statefed.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;

import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;

/**
 * Heap per (device, site) entry of a {@link DeviceStateTable}: the used heap after full GCs, before
 * and after filling a table, divided by the number of entries. Everything the table holds counts:
 * device names, per-device objects and the map, shared by the device's sites.
 */
public final class HeapPerEntry {
    private HeapPerEntry() {
    }

    /** Bytes per entry with {@code devices} × {@code sites} entries. */
    public static double measure(int devices, int sites) {
        EntityId[] eids = new EntityId[sites];
        for (int s = 0; s < sites; s++) {
            eids[s] = new EntityId(0x001122334400L + s);
        }
        long before = usedAfterGc();
        DeviceStateTable table = new DeviceStateTable(Clock.systemUTC());
        for (int d = 0; d < devices; d++) {
            String name = "PJSIP/" + (100_000 + d);
            for (EntityId eid : eids) {
                table.update(name, eid, DeviceState.NOT_INUSE, true);
            }
        }
        long after = usedAfterGc();
        if (table.deviceCount() != devices) {
            throw new IllegalStateException("table holds " + table.deviceCount() + " devices, expected " + devices);
        }
        return (double) (after - before) / ((long) devices * sites);
    }

    /** Used heap after full GCs, once the figure settles. */
    public static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        // Full GCs until the figure settles: one may leave garbage that finalization or references free later.
        for (int i = 0; i < 5; i++) {
            memory.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
