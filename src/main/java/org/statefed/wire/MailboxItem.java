package org.statefed.wire;

import java.util.Objects;

import org.statefed.state.EntityId;

/**
 * A mailbox (MWI) item: the item id is {@code mailbox@context}, e.g. {@code 1000@default}, as
 * Asterisk names mailboxes.
 *
 * @param mailbox the full {@code mailbox@context} (the item id)
 * @param eid the server that owns the mailbox
 * @param newMessages count of new messages, not negative
 * @param oldMessages count of old messages, not negative
 */
public record MailboxItem(String mailbox, EntityId eid, int newMessages, int oldMessages) implements DecodedItem {

    public MailboxItem {
        String problem = ItemDecoder.mailboxIdProblem(mailbox);
        if (problem != null) {
            throw new IllegalArgumentException("invalid mailbox: " + problem);
        }
        Objects.requireNonNull(eid, "eid");
        if (newMessages < 0 || oldMessages < 0) {
            throw new IllegalArgumentException("message counts must not be negative: new="
                    + newMessages + ", old=" + oldMessages);
        }
    }

    @Override
    public String itemId() {
        return mailbox;
    }

    /** The part before the first '@', e.g. {@code 1000}. */
    public String mailboxNumber() {
        return mailbox.substring(0, mailbox.indexOf('@'));
    }

    /** The part after the first '@', e.g. {@code default}. */
    public String context() {
        return mailbox.substring(mailbox.indexOf('@') + 1);
    }
}
