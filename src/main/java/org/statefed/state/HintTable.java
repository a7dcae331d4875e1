package org.statefed.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hints and their extension states, kept current from a {@link DeviceStateTable}: a hint's state
 * is {@link ExtensionState#fromDeviceState} of the aggregate of its devices' cluster-wide aggregates,
 * a device no site reports counting as UNKNOWN (so a hint on unreported devices is Idle).
 *
 * <p>Thread-safe. An index from device to hints means a device change recomputes only the hints
 * that name it. Each hint has its own lock, and a recompute reads the devices' aggregates without
 * taking their locks, so device locks and hint locks are always taken in that order. Listener rules
 * are those of {@link DeviceStateTable}: quick, non-blocking, exceptions counted in
 * {@link #listenerFailures()} rather than rethrown.
 */
public final class HintTable {

    /** One hint and its state; state and announced are guarded by this object's monitor. */
    private static final class HintEntry {
        final Hint hint;
        final DeviceState.Aggregator aggregator = new DeviceState.Aggregator();
        volatile ExtensionState state;
        /** False until {@link #put} has reported the replacement, so changes before that stay quiet. */
        boolean announced;
        boolean retired;

        HintEntry(Hint hint) {
            this.hint = hint;
        }
    }

    private static final HintEntry[] NO_ENTRIES = new HintEntry[0];

    private final DeviceStateTable devices;
    private final ConcurrentHashMap<String, HintEntry> hints = new ConcurrentHashMap<>();
    /** Device name to the hints naming it; arrays replaced, never mutated, so readers need no lock. */
    private final ConcurrentHashMap<String, HintEntry[]> byDevice = new ConcurrentHashMap<>();
    /** Serialises put and remove, which change both maps together. */
    private final Object structureLock = new Object();
    private final ListenerList<HintListener> listeners = new ListenerList<>(new HintListener[0]);

    /** Creates the table and subscribes it to {@code devices}' aggregate changes. */
    public HintTable(DeviceStateTable devices) {
        this.devices = Objects.requireNonNull(devices, "devices");
        devices.addListener(new DeviceStateListener() {
            @Override
            public void aggregateChanged(String device, DeviceState previous, DeviceState current) {
                recomputeHintsOf(device);
            }
        });
    }

    /**
     * Adds a hint, or replaces the one with the same name. Replacing tells the listeners if the state
     * differs from the replaced hint's; a new hint is not announced (read it with {@link #state}).
     */
    public void put(Hint hint) {
        Objects.requireNonNull(hint, "hint");
        synchronized (structureLock) {
            HintEntry fresh = new HintEntry(hint);
            fresh.state = compute(fresh);
            // Indexed before it is visible by name, so no device change between here and the final
            // recompute below can be missed.
            index(fresh);
            HintEntry old = hints.put(hint.name(), fresh);
            ExtensionState oldState = null;
            if (old != null) {
                unindex(old);
                synchronized (old) {
                    old.retired = true;
                    oldState = old.state;
                }
            }
            synchronized (fresh) {
                ExtensionState current = compute(fresh);
                fresh.state = current;
                fresh.announced = true;
                if (oldState != null && oldState != current) {
                    fire(hint, oldState, current);
                }
            }
        }
    }

    /** Removes a hint; false if there was none. Removal is not announced. */
    public boolean remove(String name) {
        synchronized (structureLock) {
            HintEntry old = hints.remove(name);
            if (old == null) {
                return false;
            }
            unindex(old);
            synchronized (old) {
                old.retired = true;
            }
            return true;
        }
    }

    /** The hint's current state, if there is such a hint. */
    public Optional<ExtensionState> state(String name) {
        HintEntry entry = hints.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.state);
    }

    /** Every hint with its state, sorted by name. */
    public List<HintSnapshot> snapshot() {
        List<HintSnapshot> snapshots = new ArrayList<>(hints.size());
        for (HintEntry entry : hints.values()) {
            snapshots.add(new HintSnapshot(entry.hint, entry.state));
        }
        snapshots.sort(Comparator.comparing(s -> s.hint().name()));
        return List.copyOf(snapshots);
    }

    /** Adds a listener; see the class comment for the rules listeners must follow. */
    public void addListener(HintListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HintListener listener) {
        listeners.remove(listener);
    }

    /** How many times a listener threw; counted, not rethrown. */
    public long listenerFailures() {
        return listeners.failures();
    }

    /** The last exception a listener threw, for whoever reports failures. */
    public Optional<RuntimeException> lastListenerFailure() {
        return listeners.lastFailure();
    }

    private void recomputeHintsOf(String device) {
        HintEntry[] affected = byDevice.getOrDefault(device, NO_ENTRIES);
        for (HintEntry entry : affected) {
            synchronized (entry) {
                if (entry.retired) {
                    continue;
                }
                ExtensionState previous = entry.state;
                ExtensionState current = compute(entry);
                if (current != previous) {
                    entry.state = current;
                    if (entry.announced) {
                        fire(entry.hint, previous, current);
                    }
                }
            }
        }
    }

    /** Folds the devices' aggregates; called holding the entry's lock, or before it is shared. */
    private ExtensionState compute(HintEntry entry) {
        List<String> names = entry.hint.devices();
        DeviceState.Aggregator aggregator = entry.aggregator.reset();
        for (int i = 0; i < names.size(); i++) {
            aggregator.add(devices.aggregate(names.get(i)));
        }
        return ExtensionState.fromDeviceState(aggregator.result());
    }

    private void fire(Hint hint, ExtensionState previous, ExtensionState current) {
        for (HintListener listener : listeners.current()) {
            try {
                listener.hintChanged(hint, previous, current);
            } catch (RuntimeException e) {
                listeners.failed(e);
            }
        }
    }

    private void index(HintEntry entry) {
        for (String device : entry.hint.devices()) {
            byDevice.merge(device, new HintEntry[] {entry}, HintTable::union);
        }
    }

    private void unindex(HintEntry entry) {
        for (String device : entry.hint.devices()) {
            byDevice.computeIfPresent(device, (name, entries) -> without(entries, entry));
        }
    }

    private static HintEntry[] union(HintEntry[] entries, HintEntry[] added) {
        for (HintEntry entry : entries) {
            if (entry == added[0]) {
                return entries;
            }
        }
        HintEntry[] next = Arrays.copyOf(entries, entries.length + 1);
        next[entries.length] = added[0];
        return next;
    }

    /** The entries less one; null (which drops the mapping) when none remain. */
    private static HintEntry[] without(HintEntry[] entries, HintEntry removed) {
        HintEntry[] next = new HintEntry[entries.length];
        int n = 0;
        for (HintEntry entry : entries) {
            if (entry != removed) {
                next[n++] = entry;
            }
        }
        return n == 0 ? null : Arrays.copyOf(next, n);
    }
}
