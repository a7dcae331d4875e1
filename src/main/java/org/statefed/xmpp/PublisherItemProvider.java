package org.statefed.xmpp;

import java.io.IOException;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.provider.ItemProvider;
import org.jivesoftware.smackx.pubsub.packet.PubSubNamespace;

/**
 * Smack's item provider, keeping the {@code publisher} attribute: in the shared layout it is the only
 * server-vouched link between an item and the site that published it. Registered in place of Smack's
 * for {@code <item/>} in the pubsub and pubsub#event namespaces.
 */
final class PublisherItemProvider extends ExtensionElementProvider<Item> {
    private static final int MAX_PUBLISHER_CHARS = 3071;

    private final ItemProvider smacks = new ItemProvider();

    /** Replaces Smack's provider (Smack's registry is JVM-wide; registering twice changes nothing). */
    static synchronized void register() {
        for (PubSubNamespace ns : new PubSubNamespace[] {PubSubNamespace.event, PubSubNamespace.basic}) {
            Object current = ProviderManager.getExtensionProvider("item", ns.getXmlns());
            if (!(current instanceof PublisherItemProvider)) {
                ProviderManager.addExtensionProvider("item", ns.getXmlns(), new PublisherItemProvider());
            }
        }
    }

    @Override
    public Item parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException, SmackParsingException {
        String publisher = parser.getAttributeValue(null, "publisher");
        Item.ItemNamespace namespace = Item.ItemNamespace.fromXmlns(parser.getNamespace());
        Item item = smacks.parse(parser, initialDepth, xmlEnvironment);
        if (publisher == null || publisher.length() > MAX_PUBLISHER_CHARS
                || !(item instanceof org.jivesoftware.smackx.pubsub.PayloadItem<?> payloadItem)) {
            return item;
        }
        return new PublishedItem(namespace, item.getId(), item.getNode(), (ExtensionElement) payloadItem.getPayload(),
                publisher);
    }
}
