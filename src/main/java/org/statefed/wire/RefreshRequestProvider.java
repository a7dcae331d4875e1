package org.statefed.wire;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.statefed.state.EntityId;

/**
 * Parses {@link RefreshRequestElement}. Like the Asterisk providers it never throws into Smack: a bad
 * request becomes a {@link RejectedPayload}.
 */
public final class RefreshRequestProvider extends ExtensionElementProvider<ExtensionElement> {

    @Override
    public ExtensionElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment) {
        try {
            String eidText = parser.getAttributeValue(null, "eid");
            String nonce = parser.getAttributeValue(null, "nonce");
            skipToEnd(parser, initialDepth);
            if (eidText == null) {
                return new RejectedPayload(RefreshRequestElement.ELEMENT, RejectReason.MISSING_EID, "refresh without eid");
            }
            String problem = EntityId.problemWith(eidText);
            if (problem != null) {
                return new RejectedPayload(RefreshRequestElement.ELEMENT, RejectReason.MALFORMED_EID, problem);
            }
            if (nonce == null || nonce.isEmpty() || nonce.length() > RefreshRequestElement.MAX_NONCE_LENGTH) {
                return new RejectedPayload(RefreshRequestElement.ELEMENT, RejectReason.OVERSIZED,
                        "refresh nonce missing or longer than " + RefreshRequestElement.MAX_NONCE_LENGTH);
            }
            return new RefreshRequestElement(EntityId.parse(eidText), nonce);
        } catch (Exception e) {
            // Boundary with Smack's parser: an exception here would close the whole connection.
            return new RejectedPayload(RefreshRequestElement.ELEMENT, RejectReason.MALFORMED_XML, String.valueOf(e.getMessage()));
        }
    }

    private static void skipToEnd(XmlPullParser parser, int initialDepth) throws Exception {
        while (!(parser.getEventType() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth)) {
            parser.next();
        }
    }
}
