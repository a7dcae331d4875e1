package org.statefed.wire;

import org.jivesoftware.smack.xml.XmlPullParser;
import org.statefed.state.EntityId;

/**
 * The attributes res_xmpp puts on its payload elements, read strictly from the parser's current
 * start tag. Only attributes without a namespace count (iksemel knows no namespaces, so Asterisk
 * never writes prefixed ones); other attributes are ignored, so a server may add its own, but every
 * unprefixed value is size-checked.
 */
final class PayloadAttributes {
    static final String EID = "eid";
    static final String CACHABLE = "cachable";

    private final String element;
    private final String eid;
    private final String cachable;

    private PayloadAttributes(String element, String eid, String cachable) {
        this.element = element;
        this.eid = eid;
        this.cachable = cachable;
    }

    /**
     * Reads the attributes of the start tag the parser is on.
     *
     * @throws Rejection OVERSIZED if any unprefixed attribute value is longer than allowed
     */
    static PayloadAttributes read(XmlPullParser parser, String element) throws Rejection {
        String eid = null;
        String cachable = null;
        for (int i = 0; i < parser.getAttributeCount(); i++) {
            String namespace = parser.getAttributeNamespace(i);
            if (namespace != null && !namespace.isEmpty()) {
                continue;
            }
            String name = parser.getAttributeName(i);
            String value = parser.getAttributeValue(i);
            if (value.length() > WireLimits.MAX_ATTRIBUTE_CHARS) {
                throw new Rejection(RejectReason.OVERSIZED, "attribute " + LogSafe.quote(name) + " of <"
                        + element + "> has " + value.length() + " characters, more than "
                        + WireLimits.MAX_ATTRIBUTE_CHARS);
            }
            if (EID.equals(name)) {
                eid = value;
            } else if (CACHABLE.equals(name)) {
                cachable = value;
            }
        }
        return new PayloadAttributes(element, eid, cachable);
    }

    /**
     * The required {@code eid}; upper-case hex is accepted although Asterisk writes lower case.
     *
     * @throws Rejection MISSING_EID if absent, MALFORMED_EID if not an entity id (also if empty)
     */
    EntityId eid() throws Rejection {
        if (eid == null) {
            throw new Rejection(RejectReason.MISSING_EID, "<" + element + "> has no eid attribute");
        }
        String problem = EntityId.problemWith(eid);
        if (problem != null) {
            throw new Rejection(RejectReason.MALFORMED_EID, "eid " + LogSafe.quote(eid) + ": " + problem);
        }
        return EntityId.parse(eid);
    }

    /**
     * The {@code cachable} flag: '1' is true, '0' is false, and absent is true because that is
     * Asterisk's own receiver default ({@code AST_DEVSTATE_CACHABLE} in
     * {@code xmpp_pubsub_handle_event}). Nothing else is accepted, not even surrounding spaces.
     *
     * @throws Rejection BAD_CACHABLE for any other value
     */
    boolean cachable() throws Rejection {
        if (cachable == null || cachable.equals("1")) {
            return true;
        }
        if (cachable.equals("0")) {
            return false;
        }
        throw new Rejection(RejectReason.BAD_CACHABLE, "cachable " + LogSafe.quote(cachable)
                + " on <" + element + ">; expected '0' or '1'");
    }
}
