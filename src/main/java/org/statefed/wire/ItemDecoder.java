package org.statefed.wire;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.PayloadItem;

/**
 * Turns a received PubSub item into exactly one {@link DecodedItem}; never throws. The item id is
 * checked first, then the payload.
 */
public final class ItemDecoder {

    private ItemDecoder() {
    }

    /** Decodes a Smack item; an item without payload is MISSING_PAYLOAD. */
    public static DecodedItem decode(Item item) {
        if (item == null) {
            return new RejectedItem(null, RejectReason.MISSING_PAYLOAD, "no item at all");
        }
        ExtensionElement payload = item instanceof PayloadItem<?> payloadItem ? payloadItem.getPayload() : null;
        return decode(item.getId(), payload);
    }

    /**
     * Decodes one item.
     *
     * @param itemId the PubSub item id: the device name, or {@code mailbox@context} for a mailbox
     * @param payload the item's payload as Smack parsed it, possibly null
     */
    public static DecodedItem decode(String itemId, ExtensionElement payload) {
        String problem = itemIdProblem(itemId);
        if (problem != null) {
            return new RejectedItem(itemId, RejectReason.BAD_ITEM_ID, "item id " + problem);
        }
        if (payload == null) {
            return new RejectedItem(itemId, RejectReason.MISSING_PAYLOAD, "the item carries no payload");
        }
        if (payload instanceof DeviceStateElement state) {
            return new DeviceStateItem(itemId, state.state(), state.eid(), state.cachable());
        }
        if (payload instanceof MailboxElement mailbox) {
            String mailboxProblem = mailboxIdProblem(itemId);
            if (mailboxProblem != null) {
                return new RejectedItem(itemId, RejectReason.BAD_ITEM_ID, "mailbox item id " + mailboxProblem);
            }
            return new MailboxItem(itemId, mailbox.eid(), mailbox.newMessages(), mailbox.oldMessages());
        }
        if (payload instanceof RejectedPayload rejected) {
            return new RejectedItem(itemId, rejected.reason(), rejected.detail());
        }
        return new RejectedItem(itemId, RejectReason.UNKNOWN_PAYLOAD, "payload element "
                + LogSafe.quote(payload.getElementName()) + " in namespace "
                + LogSafe.quote(payload.getNamespace()) + " is not an Asterisk payload");
    }

    /**
     * Null if {@code id} is usable as an item id, else what is wrong with it: empty, longer than 256
     * characters, or containing a control character (C0, DEL, C1, or the Unicode line and paragraph
     * separators, all of which could forge log lines).
     */
    public static String itemIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty";
        }
        if (id.length() > WireLimits.MAX_ITEM_ID_CHARS) {
            return "has " + id.length() + " characters, more than " + WireLimits.MAX_ITEM_ID_CHARS;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return String.format("has a control character (U+%04X) at position %d", (int) c, i + 1);
            }
        }
        return null;
    }

    /** Null if {@code id} is a valid item id of the form {@code mailbox@context}, else the problem. */
    static String mailboxIdProblem(String id) {
        String problem = itemIdProblem(id);
        if (problem != null) {
            return problem;
        }
        int at = id.indexOf('@');
        if (at <= 0 || at == id.length() - 1 || id.indexOf('@', at + 1) >= 0) {
            return LogSafe.quote(id) + " is not of the form mailbox@context";
        }
        return null;
    }
}
