package org.statefed.xmpp;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.caps.packet.CapsExtension;

/**
 * Entity capabilities ({@code <c xmlns='http://jabber.org/protocol/caps'/>}) in both forms of XEP-0115:
 * the current one with {@code hash}, and the legacy one without, which Asterisk's res_xmpp sends
 * ({@code node='http://www.asterisk.org/xmpp/client/caps' ver='asterisk-xmpp'}). Smack's provider refuses
 * the legacy form, and Smack then logs a WARN with a stack trace for every such presence; this one never
 * throws. A legacy element comes back as a {@link CapsExtension} with an empty hash, which Smack's caps
 * manager ignores (it knows no hash ""), so only the node and version shown by {@code jabber show buddies}
 * are taken from it.
 */
final class LegacyCapsProvider extends ExtensionElementProvider<CapsExtension> {
    /** Longest node or version kept; longer values are cut (they are only shown). */
    static final int MAX_CHARS = 1024;

    /** Replaces Smack's provider (Smack's registry is JVM-wide; registering twice changes nothing). */
    static synchronized void register() {
        Object current = ProviderManager.getExtensionProvider(CapsExtension.ELEMENT, CapsExtension.NAMESPACE);
        if (!(current instanceof LegacyCapsProvider)) {
            ProviderManager.addExtensionProvider(CapsExtension.ELEMENT, CapsExtension.NAMESPACE,
                    new LegacyCapsProvider());
        }
    }

    @Override
    public CapsExtension parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        String node = bounded(parser.getAttributeValue(null, "node"));
        String ver = bounded(parser.getAttributeValue(null, "ver"));
        String hash = parser.getAttributeValue(null, "hash");
        // Skip whatever the element holds (it should be empty), up to its end tag.
        for (XmlPullParser.Event event = parser.next(); event != XmlPullParser.Event.END_DOCUMENT;
                event = parser.next()) {
            if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth) {
                break;
            }
        }
        return new CapsExtension(node, ver, hash == null ? "" : bounded(hash));
    }

    private static String bounded(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) : value;
    }
}
