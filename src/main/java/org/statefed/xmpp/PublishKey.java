package org.statefed.xmpp;

import java.util.Objects;

/**
 * Where one published value lives: a PubSub node and an item id (a device or a mailbox). The unit of
 * ordering and coalescing: at most one publish per key is in flight, and only the newest value is
 * kept while it is.
 */
record PublishKey(String node, String itemId) {
    PublishKey {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(itemId, "itemId");
    }
}
