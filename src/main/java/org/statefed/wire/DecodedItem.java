package org.statefed.wire;

/**
 * One PubSub item as statefed understands it: a device state, a mailbox count, or a rejection
 * saying why the item was unusable. {@link ItemDecoder} gives exactly one for every item.
 */
public sealed interface DecodedItem permits DeviceStateItem, MailboxItem, RejectedItem {

    /** The PubSub item id (for a rejection: sanitised for logs). */
    String itemId();
}
