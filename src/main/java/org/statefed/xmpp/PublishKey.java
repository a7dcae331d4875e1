package org.statefed.xmpp;

import java.util.Objects;

import org.statefed.state.EntityId;

/**
 * Where one published value lives: a PubSub node and an item id (a device or a mailbox), and for a value
 * this site bridges, the entity id it carries (null for this site's own). The unit of ordering and
 * coalescing: at most one publish per key is in flight, and only the newest value is kept while it is; two
 * LAN servers' states of one device are two keys, though they share the item id on the wire.
 */
record PublishKey(String node, String itemId, EntityId bridged) {
    PublishKey {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(itemId, "itemId");
    }

    /** A value of this site's own. */
    PublishKey(String node, String itemId) {
        this(node, itemId, null);
    }

    /** The key of a value carrying {@code eid}, published by the site whose own entity id is {@code own}. */
    static PublishKey of(String node, String itemId, EntityId eid, EntityId own) {
        return new PublishKey(node, itemId, eid.equals(own) ? null : eid);
    }
}
