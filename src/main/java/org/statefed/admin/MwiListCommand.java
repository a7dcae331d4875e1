package org.statefed.admin;

import java.time.Instant;
import java.util.List;

import org.statefed.state.MailboxSnapshot;
import org.statefed.state.MwiEntry;

/**
 * {@code mwi list}: each mailbox's effective counts in the {@code "%6s %6s %s"} columns of Asterisk's
 * {@code mwi list all}, and under it what each site reported and how long ago. A count wider than
 * six digits widens its column for the whole list, so that columns stay aligned.
 */
final class MwiListCommand implements AdminCommand {
    private static final int MIN_WIDTH = 6;

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
        return "[all | like PATTERN]";
    }

    @Override
    public String summary() {
        return "List mailboxes and their message counts";
    }

    @Override
    public String description() {
        return "Lists every mailbox some site reports with its effective counts (the most recent\n"
                + "report received), then each site's report and how long ago it arrived; '(restored)'\n"
                + "marks counts read back from the state file at start and not confirmed since.\n"
                + NameFilter.DESCRIPTION
                + "Example: mwi list like @default$\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NameFilter filter = NameFilter.parse(args, true);
        Instant now = node.clock().instant();
        List<MailboxSnapshot> mailboxes = node.mailboxes().snapshot().stream()
                .filter(mailbox -> filter.accepts(mailbox.mailbox())).toList();
        int newWidth = MIN_WIDTH;
        int oldWidth = MIN_WIDTH;
        for (MailboxSnapshot mailbox : mailboxes) {
            for (MwiEntry entry : mailbox.entries()) {
                newWidth = Math.max(newWidth, digits(entry.counts().newMessages()));
                oldWidth = Math.max(oldWidth, digits(entry.counts().oldMessages()));
            }
            newWidth = Math.max(newWidth, digits(mailbox.effective().newMessages()));
            oldWidth = Math.max(oldWidth, digits(mailbox.effective().oldMessages()));
        }
        String text = "%" + newWidth + "s %" + oldWidth + "s %s";
        String counts = "%" + newWidth + "d %" + oldWidth + "d ";
        out.printf(text, "New", "Old", "Mailbox");
        for (MailboxSnapshot mailbox : mailboxes) {
            out.printf(counts + "%s", mailbox.effective().newMessages(), mailbox.effective().oldMessages(),
                    mailbox.mailbox());
            for (MwiEntry entry : mailbox.entries()) {
                out.printf(counts + "  from %s%s, %s ago%s", entry.counts().newMessages(), entry.counts().oldMessages(),
                        entry.eid(), entry.eid().equals(node.config().general().entityId()) ? " (this site)" : "",
                        Age.between(entry.updatedAt(), now), entry.restored() ? DevstateListCommand.RESTORED : "");
            }
        }
    }

    private static int digits(int count) {
        return Integer.toString(count).length();
    }
}
