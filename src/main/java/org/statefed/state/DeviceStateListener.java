package org.statefed.state;

/**
 * Told about changes in a {@link DeviceStateTable}.
 *
 * <p>Calls arrive on the thread that changed the table, while it holds the device's lock, so the
 * calls for one device arrive in the order the changes happened. Implementations must therefore be
 * quick and must not block: enqueue the work (publish, log) for another thread. An exception thrown
 * here does not undo the change and does not reach the updater; the table counts it
 * ({@link DeviceStateTable#listenerFailures()}).
 */
public interface DeviceStateListener {

    /** One site's entry for a device is new or has a new state or cachable flag. */
    default void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable) {
    }

    /**
     * The same, with the link the change came from; this is what the table calls. The default forwards to
     * the four-argument form, for listeners to which the origin does not matter.
     */
    default void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable, Origin origin) {
        entryChanged(device, eid, state, cachable);
    }

    /** One site's entry for a device was removed. */
    default void entryRemoved(String device, EntityId eid) {
    }

    /**
     * The cluster-wide aggregate of a device really changed. A device no site reports is
     * {@link DeviceState#UNKNOWN}: that is {@code previous} for a new device and {@code current} for a
     * device whose last entry went away.
     */
    default void aggregateChanged(String device, DeviceState previous, DeviceState current) {
    }
}
