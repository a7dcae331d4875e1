package org.statefed.wire;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Parses one payload element from a string, for tests, tools and benchmarks. Uses the providers
 * directly, so it does not need {@link AsteriskProviders#register()}.
 */
public final class PayloadParser {

    private PayloadParser() {
    }

    /**
     * Parses {@code xml}, which must be exactly one element (surrounding whitespace, comments and
     * an XML declaration allowed). Never throws: text that is not well-formed XML, or has content
     * after the element, gives MALFORMED_XML; an element other than ours gives UNKNOWN_PAYLOAD.
     */
    public static AsteriskPayload parse(String xml) {
        if (xml == null || xml.isBlank()) {
            return new RejectedPayload("", RejectReason.MALFORMED_XML, "no XML at all");
        }
        try {
            XmlPullParser parser = PacketParserUtils.getParserFor(xml);
            AsteriskPayload payload = parseElement(parser);
            if (hasContentAfterRoot(parser)) {
                return new RejectedPayload(payload.getElementName(), RejectReason.MALFORMED_XML,
                        "content after the <" + payload.getElementName() + "> element");
            }
            return payload;
        } catch (XmlPullParserException | IOException e) {
            return new RejectedPayload("", RejectReason.MALFORMED_XML, oneLine(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // PacketParserUtils.getParserFor throws this for a document without any element.
            return new RejectedPayload("", RejectReason.MALFORMED_XML, oneLine(e.getMessage()));
        }
    }

    /** StAX messages span lines; a detail is one log line. */
    private static String oneLine(String message) {
        return message == null ? null : message.replace('\n', ' ').replace('\r', ' ');
    }

    private static AsteriskPayload parseElement(XmlPullParser parser) throws XmlPullParserException, IOException {
        String name = parser.getName();
        String namespace = parser.getNamespace();
        int depth = parser.getDepth();
        if (AsteriskPayload.NAMESPACE.equals(namespace) && DeviceStateElement.ELEMENT.equals(name)) {
            return new DeviceStateProvider().parse(parser, depth, XmlEnvironment.EMPTY);
        }
        if (AsteriskPayload.NAMESPACE.equals(namespace) && MailboxElement.ELEMENT.equals(name)) {
            return new MailboxProvider().parse(parser, depth, XmlEnvironment.EMPTY);
        }
        ProviderBoundary.skipToEndTag(parser, depth);
        return new RejectedPayload(name, RejectReason.UNKNOWN_PAYLOAD, "element " + LogSafe.quote(name)
                + " in namespace " + LogSafe.quote(namespace) + " is not an Asterisk payload");
    }

    private static boolean hasContentAfterRoot(XmlPullParser parser) throws XmlPullParserException, IOException {
        while (true) {
            switch (parser.next()) {
                case END_DOCUMENT:
                    return false;
                case START_ELEMENT:
                case ENTITY_REFERENCE:
                    return true;
                case TEXT_CHARACTERS:
                    if (!BoundedText.isXmlWhitespace(parser.getText())) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
    }
}
