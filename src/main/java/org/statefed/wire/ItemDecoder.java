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
     * @param itemId the PubSub item id: the device name, or {@code mailbox@context} for a mailbox, either
     *               possibly followed by {@code @@eid} of the payload's entity id ({@link BridgedItemId})
     * @param payload the item's payload as Smack parsed it, possibly null
     */
    public static DecodedItem decode(String itemId, ExtensionElement payload) {
        String problem = malformedItemIdProblem(itemId);
        if (problem != null) {
            return new RejectedItem(itemId, RejectReason.BAD_ITEM_ID, "item id " + problem);
        }
        String lookAlike = lookAlikeProblem(itemId);
        if (lookAlike != null) {
            return new RejectedItem(itemId, RejectReason.LOOK_ALIKE_NAME, "item id " + lookAlike);
        }
        if (payload == null) {
            return new RejectedItem(itemId, RejectReason.MISSING_PAYLOAD, "the item carries no payload");
        }
        if (payload instanceof DeviceStateElement state) {
            return new DeviceStateItem(BridgedItemId.nameOf(itemId, state.eid()), state.state(), state.eid(),
                    state.cachable());
        }
        if (payload instanceof MailboxElement mailbox) {
            String name = BridgedItemId.nameOf(itemId, mailbox.eid());
            String mailboxProblem = mailboxIdProblem(name);
            if (mailboxProblem != null) {
                return new RejectedItem(itemId, RejectReason.BAD_ITEM_ID, "mailbox item id " + mailboxProblem);
            }
            return new MailboxItem(name, mailbox.eid(), mailbox.newMessages(), mailbox.oldMessages());
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
     * characters, containing a control character (C0, DEL, C1, or the Unicode line and paragraph
     * separators, all of which could forge log lines), or a character that lets it pass for another
     * name (see {@link #lookAlikeProblem}).
     */
    public static String itemIdProblem(String id) {
        String problem = malformedItemIdProblem(id);
        return problem != null ? problem : lookAlikeProblem(id);
    }

    private static String malformedItemIdProblem(String id) {
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

    /**
     * Null unless {@code id} holds a character that is invisible or changes the direction of the text
     * around it, so that the name could pass for another on a screen: bidi controls (U+202E turns
     * {@code SIP/100<U+202E>1} into a look-alike of a different number), zero-width characters
     * (U+200B makes a second {@code SIP/100}), every other format character (Unicode category Cf,
     * e.g. U+00AD, U+FEFF, tags), spaces other than U+0020, blank fillers (U+115F, U+1160, U+3164,
     * U+FFA0, U+2800), the combining grapheme joiner, variation selectors and lone surrogates.
     * No Asterisk device or mailbox name needs any of them.
     */
    public static String lookAlikeProblem(String id) {
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            if (isLookAlikeCharacter(cp)) {
                String name = Character.getName(cp);
                return String.format("has an invisible or direction-changing character (U+%04X%s) at position %d",
                        cp, name == null ? "" : " " + name, i + 1);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static boolean isLookAlikeCharacter(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.SPACE_SEPARATOR && cp != ' '
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800
                || cp == 0x034F
                || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
    }

    /** {@code 'text'} with invisible and control characters escaped ({@code \u202e}), for messages to a person. */
    public static String quoted(String text) {
        return LogSafe.quote(text);
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
