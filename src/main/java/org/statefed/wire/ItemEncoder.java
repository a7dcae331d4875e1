package org.statefed.wire;

import java.util.Objects;

import org.jivesoftware.smackx.pubsub.PayloadItem;

/**
 * Builds the PubSub items statefed publishes, exactly as Asterisk does: the item id names the
 * device, or the mailbox as {@code mailbox@context}.
 */
public final class ItemEncoder {

    private ItemEncoder() {
    }

    /**
     * The item for a device state, e.g. {@code <item id='Custom:mystate'><state …>INUSE</state></item>}.
     *
     * @throws IllegalArgumentException if {@code device} is not a valid item id
     */
    public static PayloadItem<DeviceStateElement> deviceState(String device, DeviceStateElement state) {
        Objects.requireNonNull(state, "state");
        String problem = ItemDecoder.itemIdProblem(device);
        if (problem != null) {
            throw new IllegalArgumentException("cannot publish device " + LogSafe.quote(device)
                    + ": the item id " + problem);
        }
        return new PayloadItem<>(device, state);
    }

    /**
     * The item for a mailbox, e.g. {@code <item id='1000@default'><mailbox …>…</mailbox></item>}.
     *
     * @throws IllegalArgumentException if {@code mailbox} is not a valid {@code mailbox@context}
     */
    public static PayloadItem<MailboxElement> mailbox(String mailbox, MailboxElement counts) {
        Objects.requireNonNull(counts, "counts");
        String problem = ItemDecoder.mailboxIdProblem(mailbox);
        if (problem != null) {
            throw new IllegalArgumentException("cannot publish mailbox " + LogSafe.quote(mailbox)
                    + ": the item id " + problem);
        }
        return new PayloadItem<>(mailbox, counts);
    }
}
