package org.statefed.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.statefed.state.EntityId;
import org.statefed.state.StateDigest;

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
        List<RefreshRequestElement.Have> haves = new ArrayList<>();
        String haveProblem = readHaves(parser, initialDepth, haves);
        ProviderBoundary.skipToEndTag(parser, initialDepth);
        try {
            if (haveProblem != null) {
                return new RejectedPayload(RefreshRequestElement.ELEMENT, RejectReason.UNEXPECTED_CHILD, haveProblem);
            }
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
            return new RefreshRequestElement(EntityId.parse(eidText), nonce, haves);
        } catch (RuntimeException e) {
            // Boundary with Smack's parser: an exception here would close the whole connection.
            return new RejectedPayload(RefreshRequestElement.ELEMENT, RejectReason.INTERNAL_ERROR, String.valueOf(e.getMessage()));
        }
    }

    /** Reads the {@code <have/>} children; null if they are fine, else what is wrong. */
    private static String readHaves(XmlPullParser parser, int initialDepth, List<RefreshRequestElement.Have> haves)
            throws XmlPullParserException, IOException {
        String problem = null;
        while (true) {
            XmlPullParser.Event event = parser.next();
            if (event == XmlPullParser.Event.END_DOCUMENT
                    || (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth)) {
                return problem;
            }
            if (event != XmlPullParser.Event.START_ELEMENT || parser.getDepth() != initialDepth + 1 || problem != null) {
                continue;
            }
            problem = readHave(parser, haves);
        }
    }

    private static String readHave(XmlPullParser parser, List<RefreshRequestElement.Have> haves) {
        if (!RefreshRequestElement.HAVE.equals(parser.getName())) {
            return "unexpected <" + parser.getName() + "> in a refresh request";
        }
        if (haves.size() >= RefreshRequestElement.MAX_HAVES) {
            return "more than " + RefreshRequestElement.MAX_HAVES + " <have/> in a refresh request";
        }
        String eid = parser.getAttributeValue(null, "eid");
        String count = parser.getAttributeValue(null, "count");
        String sum = parser.getAttributeValue(null, "sum");
        if (eid == null || EntityId.problemWith(eid) != null || count == null || sum == null
                || !count.matches("[0-9]{1,9}") || !sum.matches("[0-9a-f]{1,16}")) {
            return "malformed <have/> in a refresh request";
        }
        haves.add(new RefreshRequestElement.Have(EntityId.parse(eid),
                new StateDigest(Integer.parseInt(count), Long.parseUnsignedLong(sum, 16))));
        return null;
    }
}
