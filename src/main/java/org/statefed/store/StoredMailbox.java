package org.statefed.store;

import java.time.Instant;
import java.util.Objects;

import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/** One site's counts for a mailbox as the store keeps them. */
public record StoredMailbox(String mailbox, EntityId eid, MwiCounts counts, Instant updatedAt) {
    public StoredMailbox {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (mailbox.isEmpty()) {
            throw new IllegalArgumentException("mailbox name must not be empty");
        }
    }
}
