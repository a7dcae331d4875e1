package org.statefed.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateListener;
import org.statefed.state.EntityId;

/**
 * Which other sites' devices one site's table holds at the storm's final value: a set add per change, so
 * a poll over 50 sites stays cheap (comparing 2.5 million entries per poll would not).
 */
final class FinalsSeen implements DeviceStateListener {
    private final EntityId own;
    private final DeviceState finalState;
    private final Set<String> atFinal = ConcurrentHashMap.newKeySet();

    FinalsSeen(EntityId own, DeviceState finalState) {
        this.own = own;
        this.finalState = finalState;
    }

    @Override
    public void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable) {
        if (eid.equals(own)) {
            return;
        }
        // Device names carry their site, so the name alone identifies the (device, site) entry.
        if (state == finalState) {
            atFinal.add(device);
        } else {
            atFinal.remove(device);
        }
    }

    @Override
    public void entryRemoved(String device, EntityId eid) {
        if (!eid.equals(own)) {
            atFinal.remove(device);
        }
    }

    int count() {
        return atFinal.size();
    }
}
