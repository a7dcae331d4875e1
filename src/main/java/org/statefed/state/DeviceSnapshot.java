package org.statefed.state;

import java.util.List;
import java.util.Objects;

/**
 * A device at one instant, as {@code devstate list} shows it.
 *
 * @param device the device name, e.g. {@code SIP/100}
 * @param aggregate the cluster-wide aggregate of the entries
 * @param entries one per reporting site, sorted by entity id
 */
public record DeviceSnapshot(String device, DeviceState aggregate, List<EntrySnapshot> entries) {
    public DeviceSnapshot {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(aggregate, "aggregate");
        entries = List.copyOf(entries);
    }
}
