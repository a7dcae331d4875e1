package org.statefed.corosync.codec;

import java.util.Objects;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * {@code AST_EVENT_DEVICE_STATE_CHANGE}: the state of one device on one server (the eid's); receivers
 * keep it under that eid.
 *
 * @param device the device name, e.g. {@code Custom:x} or {@code PJSIP/100}
 * @param state its state on that server
 * @param cachable whether Asterisk may cache it (CACHABLE 1) or not (0)
 * @param eid the server the state belongs to
 */
public record DeviceStateChange(String device, DeviceState state, boolean cachable, EntityId eid)
        implements CorosyncEvent, DecodedEvent {

    public DeviceStateChange {
        Names.require(Names.problem("device", device));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eid, "eid");
    }

    @Override
    public EventType type() {
        return EventType.DEVICE_STATE_CHANGE;
    }
}
