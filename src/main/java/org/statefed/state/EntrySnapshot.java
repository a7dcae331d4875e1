package org.statefed.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One site's entry for a device at one instant.
 *
 * @param eid the site
 * @param state the state it reported
 * @param cachable whether it asked for the state to be cached
 * @param updatedAt when its last update arrived here (also for updates that changed nothing)
 * @param restored read back from the store at start, and nothing has confirmed or replaced it since
 * @param origin the link its last update came from ({@link Origin#RESTORED} while {@code restored})
 */
public record EntrySnapshot(EntityId eid, DeviceState state, boolean cachable, Instant updatedAt, boolean restored,
        Origin origin) {
    public EntrySnapshot {
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(origin, "origin");
    }

    /** An entry set locally, or restored from the store when {@code restored}. */
    public EntrySnapshot(EntityId eid, DeviceState state, boolean cachable, Instant updatedAt, boolean restored) {
        this(eid, state, cachable, updatedAt, restored, restored ? Origin.RESTORED : Origin.LOCAL);
    }

    /** An entry set locally while this node ran. */
    public EntrySnapshot(EntityId eid, DeviceState state, boolean cachable, Instant updatedAt) {
        this(eid, state, cachable, updatedAt, false);
    }
}
