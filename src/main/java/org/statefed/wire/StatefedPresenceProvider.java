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
        String bridgedProblem = null;
        java.util.TreeSet<EntityId> bridged = new java.util.TreeSet<>();
        XmlPullParser.Event event = parser.next();
        while (!(event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == initialDepth)
                && event != XmlPullParser.Event.END_DOCUMENT) {
            if (event == XmlPullParser.Event.START_ELEMENT && parser.getDepth() == initialDepth + 1
                    && StatefedPresenceElement.BRIDGES.equals(parser.getName()) && bridgedProblem == null) {
                String text = parser.getAttributeValue(null, "eid");
                String problem = text == null ? "no eid attribute" : EntityId.problemWith(text);
                if (problem != null) {
                    bridgedProblem = "bridged entity id: " + problem;
                } else if (bridged.size() == StatefedPresenceElement.MAX_BRIDGED) {
                    bridgedProblem = "more than " + StatefedPresenceElement.MAX_BRIDGED + " bridged entity ids";
                } else {
                    bridged.add(EntityId.parse(text));
                }
            }
            event = parser.next();
        }
        if (eidText == null) {
            return StatefedPresenceElement.invalid("no eid attribute");
        }
        String problem = EntityId.problemWith(eidText);
        if (problem != null) {
            return StatefedPresenceElement.invalid(LogSafe.sanitise(problem, WireLimits.DETAIL_CHARS));
        }
        if (bridgedProblem != null) {
            // One bad bridged id makes the whole claim doubtful: none of it is taken.
            return StatefedPresenceElement.invalid(LogSafe.sanitise(bridgedProblem, WireLimits.DETAIL_CHARS));
        }
        try {
            return StatefedPresenceElement.of(EntityId.parse(eidText), bridged);
        } catch (RuntimeException e) {
            return StatefedPresenceElement.invalid(LogSafe.sanitise(String.valueOf(e.getMessage()), WireLimits.DETAIL_CHARS));
        }
    }
}
