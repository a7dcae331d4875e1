package org.statefed.wire;

import java.io.IOException;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.statefed.state.EntityId;

/**
 * Parses {@link StatefedPresenceElement}. Never throws into Smack (that would close the connection):
 * a missing or malformed eid becomes {@link StatefedPresenceElement#invalid}.
 */
public final class StatefedPresenceProvider extends ExtensionElementProvider<StatefedPresenceElement> {

    @Override
    public StatefedPresenceElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        String eidText = parser.getAttributeValue(null, "eid");
        ProviderBoundary.skipToEndTag(parser, initialDepth);
        if (eidText == null) {
            return StatefedPresenceElement.invalid("no eid attribute");
        }
        String problem = EntityId.problemWith(eidText);
        if (problem != null) {
            return StatefedPresenceElement.invalid(LogSafe.sanitise(problem, WireLimits.DETAIL_CHARS));
        }
        try {
            return StatefedPresenceElement.of(EntityId.parse(eidText));
        } catch (RuntimeException e) {
            return StatefedPresenceElement.invalid(LogSafe.sanitise(String.valueOf(e.getMessage()), WireLimits.DETAIL_CHARS));
        }
    }
}
