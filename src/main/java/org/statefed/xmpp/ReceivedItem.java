package org.statefed.xmpp;

import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jxmpp.jid.EntityBareJid;

/**
 * One PubSub item as it reached us, before validation.
 *
 * @param node the node it was published on
 * @param itemId the item id (device or mailbox), possibly null or hostile
 * @param payload the parsed payload, possibly null
 * @param live true for an event pushed by the server, false for an item fetched during resync
 * @param resyncStartedMillis for fetched items: when the fetch began (table entries updated since are
 *     newer and win)
 * @param publisher who published it, as the server says ({@code pubsub#itemreply=publisher}); empty
 *     when the server did not say
 * @param afterLateSubscription for fetched items: fetched when we subscribed to the node only after our
 *     set-up, so what was published on it meanwhile never reached us live (a refresh request in it was
 *     answered by the others, not by us)
 */
record ReceivedItem(WatchedNode node, String itemId, ExtensionElement payload, boolean live, long resyncStartedMillis,
        Optional<EntityBareJid> publisher, boolean afterLateSubscription) {
    ReceivedItem {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(publisher, "publisher");
    }

    static ReceivedItem live(WatchedNode node, String itemId, ExtensionElement payload) {
        return live(node, itemId, payload, Optional.empty());
    }

    static ReceivedItem live(WatchedNode node, String itemId, ExtensionElement payload,
            Optional<EntityBareJid> publisher) {
        return new ReceivedItem(node, itemId, payload, true, 0, publisher, false);
    }

    static ReceivedItem fetched(WatchedNode node, String itemId, ExtensionElement payload, long resyncStartedMillis) {
        return fetched(node, itemId, payload, resyncStartedMillis, Optional.empty());
    }

    static ReceivedItem fetched(WatchedNode node, String itemId, ExtensionElement payload, long resyncStartedMillis,
            Optional<EntityBareJid> publisher) {
        return new ReceivedItem(node, itemId, payload, false, resyncStartedMillis, publisher, false);
    }

    /** A fetched item of a node we subscribed to only after our set-up (see {@code afterLateSubscription}). */
    static ReceivedItem fetchedAfterLateSubscription(WatchedNode node, String itemId, ExtensionElement payload,
            long resyncStartedMillis, Optional<EntityBareJid> publisher) {
        return new ReceivedItem(node, itemId, payload, false, resyncStartedMillis, publisher, true);
    }

    /**
     * The JID answerable for this item: the node's owner (per-site layout, where the server lets only
     * the owner publish), else the publisher the server named.
     */
    Optional<EntityBareJid> answerable() {
        return node.owner().isPresent() ? node.owner() : publisher;
    }
}
