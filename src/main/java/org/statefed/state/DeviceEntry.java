package org.statefed.state;

import java.time.Instant;
import java.util.Arrays;

/**
 * The per-site entries of one device in a {@link DeviceStateTable}: a small array sorted by entity
 * id, since a cluster has few sites and a scan beats a map at that size. Not thread-safe by itself:
 * every method except {@link #aggregate()} must be called holding this object's monitor.
 */
final class DeviceEntry {
    private static final int INITIAL_CAPACITY = 4;

    /** One site's entry; mutated in place so an update allocates nothing. */
    private static final class Slot {
        final EntityId eid;
        DeviceState state;
        boolean cachable;
        long updatedAtMillis;
        /** Read back from the store at start and not confirmed or replaced by anything since. */
        boolean restored;
        /** The link the last update came from (a shared constant per link: no allocation per update). */
        Origin origin;

        Slot(EntityId eid, DeviceState state, boolean cachable, long updatedAtMillis, Origin origin) {
            this.eid = eid;
            this.state = state;
            this.cachable = cachable;
            this.updatedAtMillis = updatedAtMillis;
            this.origin = origin;
        }
    }

    private final String device;
    private final DeviceState.Aggregator aggregator = new DeviceState.Aggregator();
    private Slot[] slots = new Slot[INITIAL_CAPACITY];
    private int size;
    private volatile DeviceState aggregate = DeviceState.UNKNOWN;
    private boolean retired;

    DeviceEntry(String device) {
        this.device = device;
    }

    /** The aggregate as of the last {@link #recompute()}; safe to read without the lock. */
    DeviceState aggregate() {
        return aggregate;
    }

    /**
     * Sets one site's entry, stamping it with {@code nowMillis} and {@code origin} even when nothing else
     * changes (a new origin alone is not a change: the value is the same, wherever it was heard).
     *
     * @return true if the entry is new or its state or cachable flag changed
     */
    boolean put(EntityId eid, DeviceState state, boolean cachable, long nowMillis, Origin origin) {
        int i = indexOf(eid);
        if (i >= 0) {
            Slot slot = slots[i];
            boolean changed = slot.state != state || slot.cachable != cachable;
            slot.state = state;
            slot.cachable = cachable;
            slot.updatedAtMillis = nowMillis;
            slot.restored = false;
            slot.origin = origin;
            return changed;
        }
        insert(new Slot(eid, state, cachable, nowMillis, origin));
        return true;
    }

    /**
     * Adds one site's entry read back from the store, keeping the time it was last updated before the
     * restart, unless the site already has an entry (anything live is newer than the store).
     *
     * @return true if the entry was added
     */
    boolean restore(EntityId eid, DeviceState state, boolean cachable, long updatedAtMillis) {
        if (indexOf(eid) >= 0) {
            return false;
        }
        Slot slot = new Slot(eid, state, cachable, updatedAtMillis, Origin.RESTORED);
        slot.restored = true;
        insert(slot);
        return true;
    }

    /** Removes one site's entry; false if it had none. */
    boolean remove(EntityId eid) {
        int i = indexOf(eid);
        if (i < 0) {
            return false;
        }
        System.arraycopy(slots, i + 1, slots, i, size - i - 1);
        slots[--size] = null;
        return true;
    }

    /** The site's state, or null if it has no entry. */
    DeviceState stateOf(EntityId eid) {
        int i = indexOf(eid);
        return i < 0 ? null : slots[i].state;
    }

    /** The link the site's entry came from, or null if it has no entry. */
    Origin originOf(EntityId eid) {
        int i = indexOf(eid);
        return i < 0 ? null : slots[i].origin;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Folds the entries into a new aggregate; no entries is UNKNOWN (nobody reports the device). */
    DeviceState recompute() {
        DeviceState result = DeviceState.UNKNOWN;
        if (size > 0) {
            aggregator.reset();
            for (int i = 0; i < size; i++) {
                aggregator.add(slots[i].state);
            }
            result = aggregator.result();
        }
        aggregate = result;
        return result;
    }

    /**
     * Marks the entry as dropped from the table, so a thread that looked it up before the drop
     * retries with a fresh lookup instead of writing into an entry nobody can see.
     */
    void retire() {
        retired = true;
    }

    boolean isRetired() {
        return retired;
    }

    DeviceSnapshot snapshot() {
        EntrySnapshot[] entries = new EntrySnapshot[size];
        for (int i = 0; i < size; i++) {
            Slot slot = slots[i];
            entries[i] = new EntrySnapshot(slot.eid, slot.state, slot.cachable,
                    Instant.ofEpochMilli(slot.updatedAtMillis), slot.restored, slot.origin);
        }
        return new DeviceSnapshot(device, aggregate, Arrays.asList(entries));
    }

    private int indexOf(EntityId eid) {
        for (int i = 0; i < size; i++) {
            if (slots[i].eid.value() == eid.value()) {
                return i;
            }
        }
        return -1;
    }

    /** Inserts keeping the slots sorted by entity id, so snapshots need no sort. */
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
