package org.statefed.sip.codec;

/**
 * The two SIP event packages of {@code res_pjsip_publish_asterisk}: one outbound publication per package
 * and peer, each carrying its own body type plus {@code refresh}.
 */
public enum EventPackage {
    DEVICE_STATE("asterisk-devicestate", "devicestate"),
    MWI("asterisk-mwi", "mailboxstate");

    private final String eventName;
    private final String bodyType;

    EventPackage(String eventName, String bodyType) {
        this.eventName = eventName;
        this.bodyType = bodyType;
    }

    /** The {@code Event:} header value, e.g. {@code asterisk-devicestate}. */
    public String eventName() {
        return eventName;
    }

    /** The JSON {@code type} of the state bodies this package carries, e.g. {@code devicestate}. */
    public String bodyType() {
        return bodyType;
    }

    /** The package of an {@code Event:} header value (exact, as pjsip compares it), or null. */
    public static EventPackage ofEventName(String event) {
        for (EventPackage p : values()) {
            if (p.eventName.equals(event)) {
                return p;
            }
        }
        return null;
    }
}
