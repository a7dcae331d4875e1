package org.statefed.corosync.codec;

import java.util.Objects;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * {@code AST_EVENT_DEVICE_STATE}: a server's aggregate of a device over every server it knows. Asterisk
 * multicasts it next to each {@link DeviceStateChange}, with its own eid, but no receiver has a handler
 * for it, so the decoder hands it over inside an {@link IgnoredEvent}. It exists as a record so that
 * every captured message can be decoded and re-encoded byte for byte.
 *
 * @param device the device name
 * @param state the sender's aggregate state
 * @param cachable the CACHABLE IE
 * @param eid the sender
 */
public record DeviceStateAggregate(String device, DeviceState state, boolean cachable, EntityId eid)
        implements CorosyncEvent {

    public DeviceStateAggregate {
        Names.require(Names.problem("device", device));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eid, "eid");
    }

    @Override
    public EventType type() {
        return EventType.DEVICE_STATE;
    }
}
