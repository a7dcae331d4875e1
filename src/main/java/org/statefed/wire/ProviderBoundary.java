package org.statefed.wire;

import java.io.IOException;

import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line between our providers and Smack. Smack hands anything a provider throws to its
 * parsing-exception callback, whose default rethrows and so drops the whole connection (and a
 * RuntimeException other than IllegalArgumentException escapes even that and kills the reader
 * thread). So a provider body runs here: a {@link Rejection} or an unexpected RuntimeException
 * becomes a {@link RejectedPayload}, after the parser has been moved to the payload's end tag so the
 * stream stays in step and the next item still parses.
 *
 * <p>Only {@link XmlPullParserException} and {@link IOException} from the parser itself pass
 * through: they mean the stream is not well-formed XML or the socket failed, there is no element
 * boundary left to resynchronise to, and RFC 6120 §11.4 requires the stream to be closed anyway.
 */
final class ProviderBoundary {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderBoundary.class);

    /** A provider body: parses one payload, starting on its start tag and ending on its end tag. */
    @FunctionalInterface
    interface Body {
        AsteriskPayload parse() throws Rejection, XmlPullParserException, IOException;
    }

    private ProviderBoundary() {
    }

    static AsteriskPayload guard(String element, XmlPullParser parser, int initialDepth, Body body)
            throws XmlPullParserException, IOException {
        try {
            return body.parse();
        } catch (Rejection rejection) {
            skipToEndTag(parser, initialDepth);
            return new RejectedPayload(element, rejection.reason(), rejection.detail());
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure while parsing an Asterisk <{}> payload; the item is rejected"
                    + " and the connection kept", element, e);
            skipToEndTag(parser, initialDepth);
            return new RejectedPayload(element, RejectReason.INTERNAL_ERROR,
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Moves the parser to the end tag at {@code depth}, or to the end of the document. */
    static void skipToEndTag(XmlPullParser parser, int depth) throws XmlPullParserException, IOException {
        XmlPullParser.Event event = parser.getEventType();
        while (!(event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)
                && event != XmlPullParser.Event.END_DOCUMENT) {
            event = parser.next();
        }
    }
}
