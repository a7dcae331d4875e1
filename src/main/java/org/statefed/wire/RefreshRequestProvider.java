package org.statefed.wire;

import java.io.IOException;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.statefed.state.EntityId;

/**
 * Parses {@link RefreshRequestElement}. Like the Asterisk providers it never throws into Smack: a bad
 * request becomes a {@link RejectedPayload}.
 */
public final class RefreshRequestProvider extends ExtensionElementProvider<ExtensionElement> {

    @Override
    public ExtensionElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        String eidText = parser.getAttributeValue(null, "eid");
        String nonce = parser.getAttributeValue(null, "nonce");
        ProviderBoundary.skipToEndTag(parser, initialDepth);
        try {
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
        } catch (RuntimeException e) {
            // Boundary with Smack's parser: an exception here would close the whole connection.
            return new RejectedPayload(RefreshRequestElement.ELEMENT, RejectReason.INTERNAL_ERROR, String.valueOf(e.getMessage()));
        }
    }
}
