package org.statefed.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.statefed.state.DeviceSnapshot;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.state.HintSnapshot;
import org.statefed.state.MailboxSnapshot;
import org.statefed.state.MwiEntry;

/**
 * The demo's tables, in the shapes Asterisk's CLI prints ({@code core show hints}, {@code devstate list}),
 * plus the per-site reports Asterisk never showed. Kept in one place so the admin command registry can take
 * it over.
 */
final class ConsoleTables {
    private static final String RULE = "---------------------------------------------------------------------\n";

    private ConsoleTables() {
    }

    /** Asterisk's {@code core show hints}; statefed has no presence or watchers, so those are constant. */
    static String coreShowHints(List<HintSnapshot> hints) {
        if (hints.isEmpty()) {
            return "There are no registered dialplan hints\n";
        }
        StringBuilder out = new StringBuilder("\n    -= Registered Asterisk Dial Plan Hints =-\n");
        hints.stream().sorted(Comparator.comparing(h -> h.hint().name())).forEach(h -> out.append(String.format(
                "%-30.30s: %-60.60s  State:%-15.15s Presence:%-15.15s Watchers %2d%n",
                h.hint().name(), h.hint().devicesText(), h.state().displayName(), "not_set", 0)));
        return out.append("----------------\n")
                .append("- ").append(hints.size()).append(" hints registered\n").toString();
    }

    /**
     * Asterisk's {@code devstate list} frame with every device's cluster-wide aggregate, and under it the state
     * each entity id reported with its age.
     */
    static String devstateList(List<DeviceSnapshot> devices, EntityId self, Instant now) {
        StringBuilder out = new StringBuilder("\n").append(RULE)
                .append("--- Device States ---------------------------------------------------\n")
                .append(RULE).append("---\n");
        for (DeviceSnapshot device : devices) {
            out.append(String.format("--- Name: '%s'  State: '%s'%n", device.device(), device.aggregate().token()));
            for (EntrySnapshot entry : device.entries()) {
                out.append(String.format("---     %s  %-11s %s%s%n", entry.eid(), entry.state().token(),
                        age(entry.updatedAt(), now), entry.eid().equals(self) ? "  (this site)" : ""));
            }
            out.append("---\n");
        }
        return out.append(RULE).append(RULE).toString();
    }

    /** Every mailbox's counts, then each entity id's report with its age. */
    static String mwiList(List<MailboxSnapshot> mailboxes, EntityId self, Instant now) {
        if (mailboxes.isEmpty()) {
            return "No mailboxes\n";
        }
        StringBuilder out = new StringBuilder(String.format("%-30s %5s %5s  %s%n", "Mailbox", "New", "Old",
                "Reported by"));
        for (MailboxSnapshot mailbox : mailboxes) {
            out.append(String.format("%-30.30s %5d %5d%n", mailbox.mailbox(), mailbox.effective().newMessages(),
                    mailbox.effective().oldMessages()));
            for (MwiEntry entry : mailbox.entries()) {
                out.append(String.format("%-30s %5d %5d  %s %s%s%n", "", entry.counts().newMessages(),
                        entry.counts().oldMessages(), entry.eid(), age(entry.updatedAt(), now),
                        entry.eid().equals(self) ? "  (this site)" : ""));
            }
        }
        return out.toString();
    }

    private static String age(Instant updatedAt, Instant now) {
        return Math.max(0, Duration.between(updatedAt, now).toMillis()) + " ms ago";
    }
}
