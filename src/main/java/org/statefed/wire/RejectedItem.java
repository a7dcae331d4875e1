package org.statefed.wire;

import java.util.Objects;

/**
 * An item statefed cannot use, and why. Everything in it is safe to log as it is.
 *
 * @param itemId the item id, sanitised for logs: control characters escaped, cut to 80 characters
 *     (null becomes "")
 * @param reason why the item was rejected
 * @param detail what exactly was wrong, sanitised likewise
 */
public record RejectedItem(String itemId, RejectReason reason, String detail) implements DecodedItem {

    public RejectedItem {
        itemId = LogSafe.sanitise(itemId, WireLimits.LOGGED_ITEM_ID_CHARS);
        Objects.requireNonNull(reason, "reason");
        detail = LogSafe.sanitise(detail == null ? reason.description() : detail, WireLimits.DETAIL_CHARS);
    }
}
