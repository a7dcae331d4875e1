package org.statefed.sip.codec;

import java.util.Objects;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/** {@code {"type":"devicestate","device":…,"state":…,"cachable":…,"eid":…}}: one server's state of a device. */
public record DeviceStateBody(String device, DeviceState state, boolean cachable, EntityId eid)
        implements PublicationBody {
    public DeviceStateBody {
        Names.require(Names.problem("device", device));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eid, "eid");
    }
}
