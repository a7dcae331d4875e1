package org.statefed.xmpp;

import java.util.Optional;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smackx.pubsub.PayloadItem;

/**
 * A PubSub item with the {@code publisher} attribute servers add when a node has
 * {@code pubsub#itemreply=publisher} (XEP-0060 §12.8); Smack's own item drops it.
 */
final class PublishedItem extends PayloadItem<ExtensionElement> {
    private final String publisher;

    PublishedItem(ItemNamespace namespace, String id, String node, ExtensionElement payload, String publisher) {
        super(namespace, id, node, payload);
        this.publisher = publisher;
    }

    /** The publisher's JID as the server wrote it, unvalidated; empty when the server sent none. */
    Optional<String> publisher() {
        return Optional.ofNullable(publisher);
    }
}
