package org.statefed.admin;

import java.time.Instant;
import java.util.List;

import org.statefed.state.MailboxSnapshot;
import org.statefed.state.MwiEntry;

/**
 * {@code mwi list}: each mailbox's effective counts in the {@code "%6s %6s %s"} columns of Asterisk's
 * {@code mwi list all}, and under it what each site reported and how long ago.
 */
final class MwiListCommand implements AdminCommand {
    private final AdminNode node;

    MwiListCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("mwi", "list");
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "List mailboxes and their message counts";
    }

    @Override
    public String description() {
        return "Lists every mailbox some site reports with its effective counts (the most recent\n"
                + "report received), then each site's report and how long ago it arrived; '(restored)'\n"
                + "marks counts read back from the state file at start and not confirmed since.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        Instant now = node.clock().instant();
        out.printf("%6s %6s %s", "New", "Old", "Mailbox");
        for (MailboxSnapshot mailbox : node.mailboxes().snapshot()) {
            out.printf("%6d %6d %s", mailbox.effective().newMessages(), mailbox.effective().oldMessages(),
                    mailbox.mailbox());
            for (MwiEntry entry : mailbox.entries()) {
                out.printf("%6d %6d   from %s%s, %s ago%s", entry.counts().newMessages(), entry.counts().oldMessages(),
                        entry.eid(), entry.eid().equals(node.config().general().entityId()) ? " (this site)" : "",
                        Age.between(entry.updatedAt(), now), entry.restored() ? DevstateListCommand.RESTORED : "");
            }
        }
    }
}
