package org.statefed.admin;

import java.util.Objects;

import org.statefed.state.MwiCounts;
import org.statefed.wire.ItemDecoder;

/**
 * New counts of one of this site's mailboxes, checked as {@code mwi update} and {@code POST /api/mailboxes}
 * check them: {@code mailbox@context} usable as an item id, and counts that are whole numbers from 0.
 */
public record MailboxChange(String mailbox, MwiCounts counts) {
    public MailboxChange {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(counts, "counts");
    }

    /** @throws InvalidChangeException naming {@code mailbox}, {@code new} or {@code old} */
    public static MailboxChange parse(String mailbox, String newMessages, String oldMessages)
            throws InvalidChangeException {
        String problem = mailbox == null ? "is missing" : ItemDecoder.itemIdProblem(mailbox);
        if (problem == null) {
            int at = mailbox.indexOf('@');
            if (at <= 0 || at == mailbox.length() - 1 || mailbox.indexOf('@', at + 1) >= 0) {
                problem = "is not of the form mailbox@context";
            }
        }
        if (problem != null) {
            throw new InvalidChangeException("mailbox", "Invalid mailbox "
                    + (mailbox == null ? "(none)" : ItemDecoder.quoted(mailbox)) + ": it " + problem + ".");
        }
        return new MailboxChange(mailbox, new MwiCounts(count("new", "NewMessages", newMessages),
                count("old", "OldMessages", oldMessages)));
    }

    private static int count(String field, String what, String text) throws InvalidChangeException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same words as a negative number
        }
        throw new InvalidChangeException(field, "Invalid " + what + ": " + (text == null ? "(none)" : "'" + text + "'")
                + ".");
    }
}
