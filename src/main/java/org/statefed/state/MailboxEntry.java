package org.statefed.state;

import java.time.Instant;
import java.util.Arrays;

/**
 * The per-site counts of one mailbox in an {@link MwiTable}, in a small array sorted by entity id.
 * Not thread-safe by itself: callers hold this object's monitor.
 */
final class MailboxEntry {
    private static final int INITIAL_CAPACITY = 4;

    private static final class Slot {
        final EntityId eid;
        MwiCounts counts;
        long updatedAtMillis;
        long sequence;
        /** Read back from the store at start and not confirmed or replaced by anything since. */
        boolean restored;
        /** The link the last update came from. */
        Origin origin;

        Slot(EntityId eid) {
            this.eid = eid;
        }
    }

    private final String mailbox;
    private Slot[] slots = new Slot[INITIAL_CAPACITY];
    private int size;
    private boolean retired;

    MailboxEntry(String mailbox) {
        this.mailbox = mailbox;
    }

    /**
     * Sets one site's counts with the arrival time and sequence number of this update.
     *
     * @return true if the site's entry is new or its counts changed
     */
    boolean put(EntityId eid, MwiCounts counts, long nowMillis, long sequence, Origin origin) {
        int i = indexOf(eid);
        Slot slot;
        boolean changed;
        if (i >= 0) {
            slot = slots[i];
            changed = !slot.counts.equals(counts);
        } else {
            slot = new Slot(eid);
            insert(slot);
            changed = true;
        }
        slot.counts = counts;
        slot.updatedAtMillis = nowMillis;
        slot.sequence = sequence;
        slot.restored = false;
        slot.origin = origin;
        return changed;
    }

    /**
     * Adds one site's counts read back from the store with their time before the restart, unless the
     * site already has an entry (anything live is newer than the store).
     *
     * @return true if the entry was added
     */
    boolean restore(EntityId eid, MwiCounts counts, long updatedAtMillis, long sequence) {
        if (indexOf(eid) >= 0) {
            return false;
        }
        Slot slot = new Slot(eid);
        slot.counts = counts;
        slot.updatedAtMillis = updatedAtMillis;
        slot.sequence = sequence;
        slot.restored = true;
        slot.origin = Origin.RESTORED;
        insert(slot);
        return true;
    }

    boolean remove(EntityId eid) {
        int i = indexOf(eid);
        if (i < 0) {
            return false;
        }
        System.arraycopy(slots, i + 1, slots, i, size - i - 1);
        slots[--size] = null;
        return true;
    }

    /** The site's counts, or null if it has no entry. */
    MwiCounts countsOf(EntityId eid) {
        int i = indexOf(eid);
        return i < 0 ? null : slots[i].counts;
    }

    /** The link the site's counts came from, or null if it has no entry. */
    Origin originOf(EntityId eid) {
        int i = indexOf(eid);
        return i < 0 ? null : slots[i].origin;
    }

    /** The counts of the update with the highest sequence number, or null if there is none. */
    MwiCounts effective() {
        Slot latest = null;
        for (int i = 0; i < size; i++) {
            if (latest == null || slots[i].sequence > latest.sequence) {
                latest = slots[i];
            }
        }
        return latest == null ? null : latest.counts;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Marks the entry as dropped from the table, so late lookers-up retry (see DeviceEntry). */
    void retire() {
        retired = true;
    }

    boolean isRetired() {
        return retired;
    }

    MailboxSnapshot snapshot() {
        MwiEntry[] entries = new MwiEntry[size];
        for (int i = 0; i < size; i++) {
            Slot slot = slots[i];
            entries[i] = new MwiEntry(slot.eid, slot.counts, Instant.ofEpochMilli(slot.updatedAtMillis), slot.restored,
                    slot.origin);
        }
        return new MailboxSnapshot(mailbox, effective(), Arrays.asList(entries));
    }

    private int indexOf(EntityId eid) {
        for (int i = 0; i < size; i++) {
            if (slots[i].eid.value() == eid.value()) {
                return i;
            }
        }
        return -1;
    }

    private void insert(Slot slot) {
        if (size == slots.length) {
            slots = Arrays.copyOf(slots, size * 2);
        }
        int at = size;
        while (at > 0 && slots[at - 1].eid.compareTo(slot.eid) > 0) {
            slots[at] = slots[at - 1];
            at--;
        }
        slots[at] = slot;
        size++;
    }
}
