package org.statefed.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One site's counts for a mailbox at one instant.
 *
 * @param eid the site
 * @param counts what it reported last
 * @param updatedAt when that arrived here
 */
public record MwiEntry(EntityId eid, MwiCounts counts, Instant updatedAt) {
    public MwiEntry {
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
