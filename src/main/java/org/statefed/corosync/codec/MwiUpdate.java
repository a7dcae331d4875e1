package org.statefed.corosync.codec;

import java.util.Objects;

import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * {@code AST_EVENT_MWI}: one server's message counts for one mailbox. On the wire the mailbox and its
 * context are separate IEs; statefed's tables name the mailbox {@code mailbox@context}
 * ({@link #mailboxId()}), as Asterisk's own mailbox ids and res_xmpp's item ids do.
 *
 * @param mailbox the mailbox without context, e.g. {@code 1000}; no '@'
 * @param context its context, e.g. {@code default}; no '@'
 * @param counts new and old message counts
 * @param eid the server the counts belong to
 */
public record MwiUpdate(String mailbox, String context, MwiCounts counts, EntityId eid)
        implements CorosyncEvent, DecodedEvent {

    public MwiUpdate {
        Names.require(Names.mailboxProblem(mailbox, context));
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(eid, "eid");
    }

    /**
     * The event for a mailbox named as statefed's tables name it.
     *
     * @param mailboxId {@code mailbox@context}, e.g. {@code 1000@default}, with exactly one '@'
     * @throws IllegalArgumentException if {@code mailboxId} is not of that form
     */
    public static MwiUpdate of(String mailboxId, MwiCounts counts, EntityId eid) {
        Objects.requireNonNull(mailboxId, "mailboxId");
        int at = mailboxId.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("mailbox id has no '@': expected mailbox@context");
        }
        return new MwiUpdate(mailboxId.substring(0, at), mailboxId.substring(at + 1), counts, eid);
    }

    /** {@code mailbox@context}, the name statefed's MWI table and res_xmpp use. */
    public String mailboxId() {
        return mailbox + "@" + context;
    }

    @Override
    public EventType type() {
        return EventType.MWI;
    }
}
