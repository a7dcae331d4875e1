package org.statefed.node;

import java.util.Objects;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/** One entity id's state of one device, as a link sends it: always with its original entity id. */
public record DeviceStateUpdate(String device, EntityId eid, DeviceState state, boolean cachable) {
    public DeviceStateUpdate {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(state, "state");
    }
}
