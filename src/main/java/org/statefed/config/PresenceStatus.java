package org.statefed.config;

/** Asterisk's {@code status} key: the presence a client shows. */
public enum PresenceStatus {
    CHAT("chat"), AVAILABLE("available"), AWAY("away"), XAWAY("xaway"), DND("dnd");

    private final String keyword;

    PresenceStatus(String keyword) {
        this.keyword = keyword;
    }

    /** The word used in jabber.conf. */
    public String keyword() {
        return keyword;
    }
}
