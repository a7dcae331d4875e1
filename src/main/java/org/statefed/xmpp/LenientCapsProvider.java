package org.statefed.xmpp;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.caps.packet.CapsExtension;

/**
 * Entity capabilities ({@code <c xmlns='http://jabber.org/protocol/caps'/>}) parsed without refusing
 * missing attributes: Smack's provider throws on them and logs a stack trace for every such presence
 * (anyone can send one, thousands a second), and legacy caps such as Asterisk's carry no {@code hash}.
 * Missing or oversized attributes become "" (Smack's caps manager ignores an element without a hash it
 * knows); {@link SiteConnection} counts the ones without node or ver.
 */
final class LenientCapsProvider extends ExtensionElementProvider<CapsExtension> {
    /** Longer than any real caps node or verification string. */
    private static final int MAX_ATTRIBUTE_CHARS = 1024;

    /** Replaces Smack's provider (Smack's registry is JVM-wide; registering twice changes nothing). */
    static synchronized void register() {
        Object current = ProviderManager.getExtensionProvider(CapsExtension.ELEMENT, CapsExtension.NAMESPACE);
        if (!(current instanceof LenientCapsProvider)) {
            ProviderManager.addExtensionProvider(CapsExtension.ELEMENT, CapsExtension.NAMESPACE,
                    new LenientCapsProvider());
        }
    }

    /** Whether the element lacks what makes caps usable (a node and a version). */
    static boolean isMalformed(CapsExtension caps) {
        return caps.getNode().isEmpty() || caps.getVer().isEmpty();
    }

    @Override
    public CapsExtension parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        String node = bounded(parser.getAttributeValue(null, "node"));
        String ver = bounded(parser.getAttributeValue(null, "ver"));
        String hash = bounded(parser.getAttributeValue(null, "hash"));
        // Whatever the element holds (it should hold nothing) is skipped.
        ParserUtils.forwardToEndTagOfDepth(parser, initialDepth);
        return new CapsExtension(node, ver, hash);
    }

    private static String bounded(String value) {
        return value == null || value.length() > MAX_ATTRIBUTE_CHARS ? "" : value;
    }
}
