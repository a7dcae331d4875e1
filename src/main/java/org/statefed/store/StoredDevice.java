package org.statefed.store;

import java.time.Instant;
import java.util.Objects;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/** One site's entry for a device as the store keeps it. */
public record StoredDevice(String device, EntityId eid, DeviceState state, boolean cachable, Instant updatedAt) {
    public StoredDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (device.isEmpty()) {
            throw new IllegalArgumentException("device name must not be empty");
        }
    }
}
