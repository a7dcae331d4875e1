package org.statefed.state;

import java.util.List;
import java.util.Objects;

/**
 * A mailbox at one instant.
 *
 * @param mailbox {@code mailbox@context}
 * @param effective the counts of the most recent update received (see {@link MwiTable})
 * @param entries one per reporting site, sorted by entity id
 */
public record MailboxSnapshot(String mailbox, MwiCounts effective, List<MwiEntry> entries) {
    public MailboxSnapshot {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(effective, "effective");
        entries = List.copyOf(entries);
    }
}
