package org.statefed.demo;

import java.util.Objects;

import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.ExtensionState;
import org.statefed.state.MwiCounts;

/** One local change a scripted step makes at a site, and how to tell another site has seen it. */
sealed interface Change {

    /** Makes the change at the site where it happens. */
    void apply(StatefedNode node);

    /** Whether {@code node} shows the change. */
    boolean seenBy(StatefedNode node);

    /** What changed, e.g. {@code PJSIP/alice RINGING}. */
    String describe();

    /** A device of the site changes state. */
    record DeviceChange(String device, DeviceState state) implements Change {
        public DeviceChange {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public void apply(StatefedNode node) {
            node.changeDeviceState(device, state);
        }

        /**
         * The aggregate, and the hints naming the device, which the site's tables print: the hint table
         * follows the aggregate a moment later (it listens to the device table), so the aggregate alone
         * would let a step print a hint not yet recomputed.
         */
        @Override
        public boolean seenBy(StatefedNode node) {
            return node.devices().aggregate(device) == state && node.hints().snapshot().stream()
                    .filter(hint -> hint.hint().devices().contains(device))
                    .allMatch(hint -> hint.state() == ExtensionState.fromDeviceState(DeviceState.aggregate(
                            hint.hint().devices().stream().map(node.devices()::aggregate).toList())));
        }

        @Override
        public String describe() {
            return device + " " + state.token();
        }
    }

    /** A mailbox of the site gets new counts. */
    record MailboxChange(String mailbox, MwiCounts counts) implements Change {
        public MailboxChange {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(counts, "counts");
        }

        @Override
        public void apply(StatefedNode node) {
            node.updateMailbox(mailbox, counts.newMessages(), counts.oldMessages());
        }

        @Override
        public boolean seenBy(StatefedNode node) {
            return node.mailboxes().effective(mailbox).filter(counts::equals).isPresent();
        }

        @Override
        public String describe() {
            return "MWI " + mailbox + " new=" + counts.newMessages() + " old=" + counts.oldMessages();
        }
    }
}
