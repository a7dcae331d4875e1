package org.statefed.store;

import java.time.Instant;
import java.util.Optional;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * The text of the store's keys and values, version 1: key {@code "<entity id> <name>"} (an entity id
 * has no space, a name may), device value {@code "<STATE> <1|0 cachable> <epoch ms>"}, mailbox value
 * {@code "<new> <old> <epoch ms>"}. Plain text so that a file can be inspected with H2's tools.
 */
final class StoreRecords {
    static final String FORMAT = "1";

    private StoreRecords() {
    }

    static String key(EntityId eid, String name) {
        return eid + " " + name;
    }

    static String deviceValue(DeviceState state, boolean cachable, Instant updatedAt) {
        return state.token() + " " + (cachable ? 1 : 0) + " " + updatedAt.toEpochMilli();
    }

    static String mailboxValue(MwiCounts counts, Instant updatedAt) {
        return counts.newMessages() + " " + counts.oldMessages() + " " + updatedAt.toEpochMilli();
    }

    /** The device entry, or empty if the record is not one this version wrote. */
    static Optional<StoredDevice> device(String key, String value) {
        try {
            int space = key.indexOf(' ');
            String[] v = value.split(" ");
            if (space < 0 || v.length != 3 || !(v[1].equals("0") || v[1].equals("1"))) {
                return Optional.empty();
            }
            return Optional.of(new StoredDevice(key.substring(space + 1), EntityId.parse(key.substring(0, space)),
                    DeviceState.parse(v[0]), v[1].equals("1"), Instant.ofEpochMilli(Long.parseLong(v[2]))));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The mailbox entry, or empty if the record is not one this version wrote. */
    static Optional<StoredMailbox> mailbox(String key, String value) {
        try {
            int space = key.indexOf(' ');
            String[] v = value.split(" ");
            if (space < 0 || v.length != 3) {
                return Optional.empty();
            }
            return Optional.of(new StoredMailbox(key.substring(space + 1), EntityId.parse(key.substring(0, space)),
                    new MwiCounts(Integer.parseInt(v[0]), Integer.parseInt(v[1])),
                    Instant.ofEpochMilli(Long.parseLong(v[2]))));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
