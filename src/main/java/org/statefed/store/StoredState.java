package org.statefed.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.statefed.state.EntityId;

/**
 * Everything read back from the state file at start.
 *
 * @param entityId the entity id of the node that wrote the file, if it wrote any
 * @param devices every site's device entries
 * @param mailboxes every site's mailbox counts
 * @param sites the buddy JID each remote entity id came from, where it was known
 * @param unreadable records that could not be decoded and were skipped
 */
public record StoredState(Optional<EntityId> entityId, List<StoredDevice> devices, List<StoredMailbox> mailboxes,
        Map<EntityId, String> sites, int unreadable) {

    public static final StoredState EMPTY = new StoredState(Optional.empty(), List.of(), List.of(), Map.of(), 0);

    public StoredState {
        Objects.requireNonNull(entityId, "entityId");
        devices = List.copyOf(devices);
        mailboxes = List.copyOf(mailboxes);
        sites = Map.copyOf(sites);
        if (unreadable < 0) {
            throw new IllegalArgumentException("unreadable must not be negative");
        }
    }

    public boolean isEmpty() {
        return devices.isEmpty() && mailboxes.isEmpty();
    }
}
