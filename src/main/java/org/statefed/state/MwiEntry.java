package org.statefed.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One site's counts for a mailbox at one instant.
 *
 * @param eid the site
 * @param counts what it reported last
 * @param updatedAt when that arrived here
 * @param restored read back from the store at start, and nothing has confirmed or replaced it since
 * @param origin the link its last update came from ({@link Origin#RESTORED} while {@code restored})
 */
public record MwiEntry(EntityId eid, MwiCounts counts, Instant updatedAt, boolean restored, Origin origin) {
    public MwiEntry {
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(origin, "origin");
    }

    /** An entry set locally, or restored from the store when {@code restored}. */
    public MwiEntry(EntityId eid, MwiCounts counts, Instant updatedAt, boolean restored) {
        this(eid, counts, updatedAt, restored, restored ? Origin.RESTORED : Origin.LOCAL);
    }

    /** An entry set locally while this node ran. */
    public MwiEntry(EntityId eid, MwiCounts counts, Instant updatedAt) {
        this(eid, counts, updatedAt, false);
    }
}
