package org.statefed.wire;

import java.util.Objects;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * A device state item: the item id names the device, e.g. {@code Custom:mystate} or
 * {@code XMPP/asterisk/server2@localhost}.
 *
 * @param device the device name (the item id), a valid item id
 * @param state its state
 * @param eid the publishing server
 * @param cachable whether Asterisk may cache the state
 */
public record DeviceStateItem(String device, DeviceState state, EntityId eid, boolean cachable)
        implements DecodedItem {

    public DeviceStateItem {
        String problem = ItemDecoder.itemIdProblem(device);
        if (problem != null) {
            throw new IllegalArgumentException("invalid device name: " + problem);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eid, "eid");
    }

    @Override
    public String itemId() {
        return device;
    }
}
