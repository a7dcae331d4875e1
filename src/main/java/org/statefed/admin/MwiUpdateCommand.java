package org.statefed.admin;

import java.util.List;

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
    public boolean changesState() {
        return true;
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
        MailboxChange change;
        try {
            change = MailboxChange.parse(args.get(0), args.get(1), args.get(2));
        } catch (InvalidChangeException e) {
            throw new UsageException(e.getMessage());
        }
        node.updateMailbox(change.mailbox(), change.counts());
        out.printf("Updated mailbox %s.", change.mailbox());
    }
}
