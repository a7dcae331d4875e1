package org.statefed.admin;

import java.util.List;

import org.statefed.state.MwiCounts;
import org.statefed.wire.ItemDecoder;

/** {@code mwi update MAILBOX@CONTEXT NEW OLD}: new counts for one of this site's mailboxes, shared with the cluster. */
final class MwiUpdateCommand implements AdminCommand {
    private final AdminNode node;

    MwiUpdateCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("mwi", "update");
    }

    @Override
    public String arguments() {
        return "MAILBOX@CONTEXT NEW OLD";
    }

    @Override
    public String summary() {
        return "Update a mailbox's message counts (shared with the cluster)";
    }

    @Override
    public String description() {
        return "Sets this site's new and old message counts of a mailbox and publishes them.\n"
                + "Example: mwi update 1234@default 2 5\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        if (args.size() != 3) {
            throw new UsageException();
        }
        String mailbox = args.get(0);
        String problem = ItemDecoder.itemIdProblem(mailbox);
        int at = mailbox.indexOf('@');
        if (problem == null && (at <= 0 || at == mailbox.length() - 1 || mailbox.indexOf('@', at + 1) >= 0)) {
            problem = "is not of the form mailbox@context";
        }
        if (problem != null) {
            throw new UsageException("Invalid mailbox " + ItemDecoder.quoted(mailbox) + ": it " + problem + ".");
        }
        int newMessages = count("NewMessages", args.get(1));
        int oldMessages = count("OldMessages", args.get(2));
        node.updateMailbox(mailbox, new MwiCounts(newMessages, oldMessages));
        out.printf("Updated mailbox %s.", mailbox);
    }

    private static int count(String what, String text) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same words as a negative number
        }
        throw new UsageException("Invalid " + what + ": '" + text + "'.");
    }
}
