package org.statefed.node;

import java.util.Objects;

import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/** One entity id's counts of one mailbox ({@code mailbox@context}), with its original entity id. */
public record MailboxUpdate(String mailbox, EntityId eid, MwiCounts counts) {
    public MailboxUpdate {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(counts, "counts");
    }
}
