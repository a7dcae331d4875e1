package org.statefed.state;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device states every site reports, like Asterisk's device state cache: per device name
 * (case-sensitive) one entry per {@link EntityId} holding the state, the cachable flag and the time
 * of the last update; a device's cluster-wide state is the {@link DeviceState#aggregate aggregate}
 * of its entries, and a device no site reports is {@link DeviceState#UNKNOWN}.
 *
 * <p>Thread-safe. Each device has its own lock; an update costs a scan of that device's few entries
 * and allocates nothing unless the entry is new. Reads of {@link #aggregate(String)} take no lock.
 *
 * <p>Listeners run on the updating thread while it holds the device's lock, so the calls for one
 * device arrive in order; they must be quick and non-blocking (they enqueue). A listener that throws
 * {@link RuntimeException} neither undoes the change nor stops the other listeners: the state package
 * has no logging, and the change is already committed, so the failure is counted in
 * {@link #listenerFailures()} (last one in {@link #lastListenerFailure()}) for the owner to report,
 * and the updater carries on.
 */
public final class DeviceStateTable {
    private final Clock clock;
    private final ConcurrentHashMap<String, DeviceEntry> devices = new ConcurrentHashMap<>();
    private final ListenerList<DeviceStateListener> listeners = new ListenerList<>(new DeviceStateListener[0]);

    public DeviceStateTable(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@link #update(String, EntityId, DeviceState, boolean, Origin)} from this site itself. */
    public boolean update(String device, EntityId eid, DeviceState state, boolean cachable) {
        return update(device, eid, state, cachable, Origin.LOCAL);
    }

    /**
     * Records what one site reports for a device, learned on the link {@code origin}, stamping the entry
     * with the clock's time and the origin even when nothing else changes.
     *
     * @return true if the entry is new or its state or cachable flag changed
     */
    public boolean update(String device, EntityId eid, DeviceState state, boolean cachable, Origin origin) {
        requireDevice(device);
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
        long now = clock.millis();
        while (true) {
            DeviceEntry entry = entryFor(device);
            synchronized (entry) {
                if (entry.isRetired()) {
                    continue;
                }
                if (!entry.put(eid, state, cachable, now, origin)) {
                    return false;
                }
                DeviceState previous = entry.aggregate();
                DeviceState current = entry.recompute();
                fireEntryChanged(device, eid, state, cachable, origin);
                fireAggregateChanged(device, previous, current);
                return true;
            }
        }
    }

    /**
     * Puts back an entry this node knew before it restarted, with the time it was last updated then, so
     * that it counts in the aggregate (and the hints) until something live replaces it: any later
     * {@link #update} does, and a site that already has an entry keeps it. Only
     * {@link DeviceStateListener#aggregateChanged} is told: the entry is not news to whoever watches
     * entries (the store it came from, the publishers).
     *
     * @return true if the entry was added
     */
    public boolean restore(String device, EntityId eid, DeviceState state, boolean cachable, Instant updatedAt) {
        requireDevice(device);
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        while (true) {
            DeviceEntry entry = entryFor(device);
            synchronized (entry) {
                if (entry.isRetired()) {
                    continue;
                }
                if (!entry.restore(eid, state, cachable, updatedAt.toEpochMilli())) {
                    return false;
                }
                DeviceState previous = entry.aggregate();
                fireAggregateChanged(device, previous, entry.recompute());
                return true;
            }
        }
    }

    /** The cluster-wide state of a device; UNKNOWN if no site reports it. */
    public DeviceState aggregate(String device) {
        DeviceEntry entry = devices.get(device);
        return entry == null ? DeviceState.UNKNOWN : entry.aggregate();
    }

    /** What one site reports for a device, if it reports it. */
    public Optional<DeviceState> state(String device, EntityId eid) {
        return onLiveEntry(device, Optional.empty(), entry -> Optional.ofNullable(entry.stateOf(eid)));
    }

    /** The link one site's entry for a device came from, if it reports the device. */
    public Optional<Origin> origin(String device, EntityId eid) {
        return onLiveEntry(device, Optional.empty(), entry -> Optional.ofNullable(entry.originOf(eid)));
    }

    /** Removes one site's entry for a device; false if there was none. */
    public boolean remove(String device, EntityId eid) {
        Objects.requireNonNull(eid, "eid");
        return onLiveEntry(device, false, entry -> removeLocked(device, entry, eid));
    }

    /**
     * Removes every entry of one site (it left, or went stale), recomputing the aggregates and telling
     * the listeners as {@link #remove} does.
     *
     * @return how many entries were removed
     */
    public int removeEntity(EntityId eid) {
        Objects.requireNonNull(eid, "eid");
        int removed = 0;
        for (Map.Entry<String, DeviceEntry> e : devices.entrySet()) {
            DeviceEntry entry = e.getValue();
            synchronized (entry) {
                if (!entry.isRetired() && removeLocked(e.getKey(), entry, eid)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** What one site reports, sorted by device name; used to republish our own states. */
    public Map<String, DeviceState> statesOf(EntityId eid) {
        Objects.requireNonNull(eid, "eid");
        TreeMap<String, DeviceState> states = new TreeMap<>();
        for (Map.Entry<String, DeviceEntry> e : devices.entrySet()) {
            DeviceEntry entry = e.getValue();
            synchronized (entry) {
                DeviceState state = entry.isRetired() ? null : entry.stateOf(eid);
                if (state != null) {
                    states.put(e.getKey(), state);
                }
            }
        }
        return Collections.unmodifiableSortedMap(states);
    }

    /** Every site that has at least one entry, sorted. */
    public Set<EntityId> entities() {
        TreeSet<EntityId> eids = new TreeSet<>();
        for (DeviceSnapshot device : snapshot()) {
            for (EntrySnapshot entry : device.entries()) {
                eids.add(entry.eid());
            }
        }
        return Collections.unmodifiableSortedSet(eids);
    }

    /** Every device with its entries, sorted by device name; each device is consistent in itself. */
    public List<DeviceSnapshot> snapshot() {
        List<DeviceSnapshot> snapshots = new ArrayList<>(devices.size());
        for (DeviceEntry entry : devices.values()) {
            synchronized (entry) {
                if (!entry.isRetired() && !entry.isEmpty()) {
                    snapshots.add(entry.snapshot());
                }
            }
        }
        snapshots.sort(Comparator.comparing(DeviceSnapshot::device));
        return List.copyOf(snapshots);
    }

    /** One device with its entries, if any site reports it. */
    public Optional<DeviceSnapshot> snapshot(String device) {
        return onLiveEntry(device, Optional.empty(),
                entry -> entry.isEmpty() ? Optional.empty() : Optional.of(entry.snapshot()));
    }

    /** How many devices at least one site reports (a moment's view under concurrent updates). */
    public int deviceCount() {
        return devices.size();
    }

    /** Adds a listener; see the class comment for the rules listeners must follow. */
    public void addListener(DeviceStateListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DeviceStateListener listener) {
        listeners.remove(listener);
    }

    /** How many times a listener threw; such failures are counted, not rethrown (see class comment). */
    public long listenerFailures() {
        return listeners.failures();
    }

    /** The last exception a listener threw, for whoever reports failures. */
    public Optional<RuntimeException> lastListenerFailure() {
        return listeners.lastFailure();
    }

    private DeviceEntry entryFor(String device) {
        DeviceEntry entry = devices.get(device);
        return entry != null ? entry : devices.computeIfAbsent(device, DeviceEntry::new);
    }

    /**
     * Removes an entry holding the device's lock. An emptied device is dropped from the map only
     * after its listeners ran and while the lock is still held: a concurrent updater then either
     * waits on this lock, sees the entry retired and starts a new one, or never sees this one; so no
     * add is lost and no listener call overtakes ours.
     */
    private boolean removeLocked(String device, DeviceEntry entry, EntityId eid) {
        if (!entry.remove(eid)) {
            return false;
        }
        DeviceState previous = entry.aggregate();
        DeviceState current = entry.recompute();
        fireEntryRemoved(device, eid);
        fireAggregateChanged(device, previous, current);
        if (entry.isEmpty()) {
            entry.retire();
            devices.remove(device, entry);
        }
        return true;
    }

    private void fireEntryChanged(String device, EntityId eid, DeviceState state, boolean cachable, Origin origin) {
        for (DeviceStateListener listener : listeners.current()) {
            try {
                listener.entryChanged(device, eid, state, cachable, origin);
            } catch (RuntimeException e) {
                listeners.failed(e);
            }
        }
    }

    private void fireEntryRemoved(String device, EntityId eid) {
        for (DeviceStateListener listener : listeners.current()) {
            try {
                listener.entryRemoved(device, eid);
            } catch (RuntimeException e) {
                listeners.failed(e);
            }
        }
    }

    private void fireAggregateChanged(String device, DeviceState previous, DeviceState current) {
        if (previous == current) {
            return;
        }
        for (DeviceStateListener listener : listeners.current()) {
            try {
                listener.aggregateChanged(device, previous, current);
            } catch (RuntimeException e) {
                listeners.failed(e);
            }
        }
    }

    private static void requireDevice(String device) {
        Objects.requireNonNull(device, "device");
        if (device.isEmpty()) {
            throw new IllegalArgumentException("device name must not be empty");
        }
    }

    /**
     * Runs {@code action} on the entry for {@code key} under its lock, or answers {@code absent}. An
     * entry retired (dropped from the map) between lookup and lock is looked up again.
     */
    private <T> T onLiveEntry(String key, T absent, Function<DeviceEntry, T> action) {
        while (true) {
            DeviceEntry entry = devices.get(key);
            if (entry == null) {
                return absent;
            }
            synchronized (entry) {
                if (!entry.isRetired()) {
                    return action.apply(entry);
                }
            }
        }
    }
}
