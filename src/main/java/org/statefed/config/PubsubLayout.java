package org.statefed.config;

/** How device state and MWI are laid out on the PubSub service ({@code pubsub_layout}). */
public enum PubsubLayout {
    /** Exactly Asterisk res_xmpp: shared nodes {@code device_state} and {@code message_waiting}. */
    ASTERISK("asterisk"),
    /** Each site owns its nodes and subscribes to its buddies' nodes (default for new clusters). */
    PER_SITE("per-site"),
    /**
     * XEP-0163 PEP: each site publishes to nodes of its own account (no PubSub component, no admin rights);
     * buddies with a presence subscription receive through {@code +notify} in their entity capabilities.
     * Also what a client section without {@code pubsub_node} uses.
     */
    PEP("pep");

    private final String keyword;

    PubsubLayout(String keyword) {
        this.keyword = keyword;
    }

    /** The word used in jabber.conf. */
    public String keyword() {
        return keyword;
    }
}
