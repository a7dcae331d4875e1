package org.statefed.xmpp;

/** Where a site's connection stands, in the words Asterisk's {@code jabber show connected} uses. */
public enum LinkState {
    DISCONNECTED("Disconnected"),
    CONNECTING("Connecting"),
    AUTHENTICATING("Authenticating"),
    RETRIEVING_ROSTER("Retrieving roster"),
    CONNECTED("Connected"),
    DISCONNECTING("Disconnecting");

    private final String displayText;

    LinkState(String displayText) {
        this.displayText = displayText;
    }

    /** The Asterisk wording, e.g. {@code Connected}. */
    public String displayText() {
        return displayText;
    }
}
