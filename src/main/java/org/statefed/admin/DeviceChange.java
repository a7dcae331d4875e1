package org.statefed.admin;

import java.util.Objects;

import org.statefed.state.DeviceState;
import org.statefed.state.UnknownDeviceStateException;
import org.statefed.wire.ItemDecoder;

/**
 * A change of one of this site's devices, checked as {@code devstate change} and {@code POST /api/devices} check
 * it: a name every buddy accepts as an item id, and a state Asterisk knows.
 */
public record DeviceChange(String device, DeviceState state) {
    /** The states a change may name, as {@code devstate change}'s help lists them. */
    public static final String STATES = DevstateChangeCommand.STATES;

    public DeviceChange {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(state, "state");
    }

    /** @throws InvalidChangeException naming {@code device} or {@code state} */
    public static DeviceChange parse(String device, String state) throws InvalidChangeException {
        String problem = device == null ? "is missing" : ItemDecoder.itemIdProblem(device);
        if (problem != null) {
            throw new InvalidChangeException("device", "Invalid device name: it " + problem + ".");
        }
        try {
            return new DeviceChange(device, DeviceState.parse(state));
        } catch (UnknownDeviceStateException e) {
            throw new InvalidChangeException("state", "Invalid state " + (state == null ? "(none)" : "'" + state + "'")
                    + ".");
        }
    }
}
