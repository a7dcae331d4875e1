package org.statefed.wire;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.UnknownDeviceStateException;

/**
 * Parses {@code <state xmlns='http://asterisk.org' eid='…' cachable='1'>INUSE</state>} strictly and
 * totally: every input gives a {@link DeviceStateElement} or a {@link RejectedPayload}, never an
 * exception for bad content (see {@link ProviderBoundary}).
 *
 * <ul>
 *   <li>{@code eid} is required (MISSING_EID) and must be an entity id, either case (MALFORMED_EID).
 *   <li>{@code cachable} absent means cachable, as in Asterisk's receiver; '0' and '1' are the only
 *       values accepted (BAD_CACHABLE).
 *   <li>The text is one device state token, any case (UNKNOWN_STATE); no text is MISSING_STATE;
 *       a child element is UNEXPECTED_CHILD.
 *   <li><b>Whitespace:</b> XML whitespace (space, tab, CR, LF) around the token is ignored, so
 *       {@code <state …>\n  INUSE\n</state>} is INUSE. Asterisk's iksemel would pass the text
 *       on untrimmed and map it to UNKNOWN; we accept it because a server or tool that pretty-prints
 *       the item changes nothing the publisher meant. Whitespace inside a token, or other Unicode
 *       spaces, are not ignored.
 *   <li>statefed's {@code sf:published} attribute is read into a {@link PublishTime}; an unreadable one
 *       never rejects the state (see there).
 *   <li>Text longer than 256 characters, a token longer than 32 or an attribute longer than 64 is
 *       OVERSIZED.
 * </ul>
 */
public final class DeviceStateProvider extends ExtensionElementProvider<AsteriskPayload> {

    @Override
    public AsteriskPayload parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        return ProviderBoundary.guard(DeviceStateElement.ELEMENT, parser, initialDepth,
                () -> parseState(parser, initialDepth));
    }

    private static DeviceStateElement parseState(XmlPullParser parser, int initialDepth)
            throws Rejection, XmlPullParserException, IOException {
        PayloadAttributes attributes = PayloadAttributes.read(parser, DeviceStateElement.ELEMENT);
        EntityId eid = attributes.eid();
        boolean cachable = attributes.cachable();
        PublishTime published = PublishTime.read(parser);
        BoundedText text = new BoundedText("<state> text");
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT -> throw new Rejection(RejectReason.UNEXPECTED_CHILD,
                        "element " + LogSafe.quote(parser.getName()) + " inside <state>");
                case TEXT_CHARACTERS, IGNORABLE_WHITESPACE, ENTITY_REFERENCE -> text.add(parser.getText());
                case END_ELEMENT -> {
                    // Children are rejected on sight, so the first end tag is our own.
                    if (parser.getDepth() == initialDepth) {
                        return new DeviceStateElement(parseToken(text), eid, cachable, published);
                    }
                }
                case END_DOCUMENT -> throw new Rejection(RejectReason.MALFORMED_XML,
                        "the document ended inside <state>");
                default -> {
                    // Comments and processing instructions carry no state.
                }
            }
        }
    }

    private static DeviceState parseToken(BoundedText text) throws Rejection {
        String token = text.trimmed(WireLimits.MAX_STATE_TOKEN_CHARS);
        if (token.isEmpty()) {
            throw new Rejection(RejectReason.MISSING_STATE, "<state> has no state token");
        }
        try {
            return DeviceState.parse(token);
        } catch (UnknownDeviceStateException e) {
            throw new Rejection(RejectReason.UNKNOWN_STATE, "state " + LogSafe.quote(token)
                    + " names no Asterisk device state");
        }
    }
}
