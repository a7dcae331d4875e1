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
 */
public record MwiEntry(EntityId eid, MwiCounts counts, Instant updatedAt, boolean restored) {
    public MwiEntry {
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** An entry that arrived while this node ran. */
    public MwiEntry(EntityId eid, MwiCounts counts, Instant updatedAt) {
        this(eid, counts, updatedAt, false);
    }
}
