package org.statefed.sip.codec;

import java.util.Objects;

import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * {@code {"type":"mailboxstate","uniqueid":"mailbox@context","old":…,"new":…,"eid":…}}: one server's
 * message counts of a mailbox.
 *
 * @param uniqueId {@code mailbox@context}, as the tables key mailboxes
 */
public record MailboxStateBody(String uniqueId, MwiCounts counts, EntityId eid) implements PublicationBody {
    public MailboxStateBody {
        Names.require(Names.uniqueIdProblem(uniqueId));
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(eid, "eid");
    }
}
