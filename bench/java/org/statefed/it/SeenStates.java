package org.statefed.it;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateListener;
import org.statefed.state.EntityId;

/**
 * What one statefed site's table has applied of another site's devices, seen through the table's
 * listener (so "arrived" means B's aggregate reflects it, not that B's connection got the stanza).
 * Arrival times are kept for the latency device only.
 */
final class SeenStates implements DeviceStateListener {
    static final String LATENCY_DEVICE = "Custom:latency";

    private final EntityId source;
    final Map<String, DeviceState> latest = new ConcurrentHashMap<>();
    final AtomicLong changes = new AtomicLong();
    final BlockingQueue<Long> latencyArrivals = new LinkedBlockingQueue<>();

    SeenStates(EntityId source) {
        this.source = source;
    }

    @Override
    public void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable) {
        if (eid.equals(source)) {
            latest.put(device, state);
            changes.incrementAndGet();
        }
    }

    @Override
    public void aggregateChanged(String device, DeviceState previous, DeviceState current) {
        if (device.equals(LATENCY_DEVICE)) {
            latencyArrivals.add(System.nanoTime());
        }
    }

    /** Whether every device in {@code finals} has its final state here. */
    boolean holdsAll(Map<String, DeviceState> finals) {
        for (Map.Entry<String, DeviceState> e : finals.entrySet()) {
            if (latest.get(e.getKey()) != e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
