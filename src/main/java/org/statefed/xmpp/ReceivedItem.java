package org.statefed.xmpp;

import org.jivesoftware.smack.packet.ExtensionElement;

/**
 * One PubSub item as it reached us, before validation.
 *
 * @param node the node it was published on
 * @param itemId the item id (device or mailbox), possibly null or hostile
 * @param payload the parsed payload, possibly null
 * @param live true for an event pushed by the server, false for an item fetched during resync
 * @param resyncStartedMillis for fetched items: when the fetch began (table entries updated since are
 *     newer and win)
 */
record ReceivedItem(WatchedNode node, String itemId, ExtensionElement payload, boolean live, long resyncStartedMillis) {
    static ReceivedItem live(WatchedNode node, String itemId, ExtensionElement payload) {
        return new ReceivedItem(node, itemId, payload, true, 0);
    }

    static ReceivedItem fetched(WatchedNode node, String itemId, ExtensionElement payload, long resyncStartedMillis) {
        return new ReceivedItem(node, itemId, payload, false, resyncStartedMillis);
    }
}
