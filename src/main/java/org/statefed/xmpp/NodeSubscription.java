package org.statefed.xmpp;

import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;

/**
 * Where this site's subscription to one watched node stands, for {@code jabber show subscriptions}.
 *
 * @param node the node (with its service in the PEP layout, e.g. {@code site2@example.com device_state})
 * @param owner the buddy owning it; empty for a shared node
 * @param state subscribed, pending, refused, ...
 * @param detail the server's condition when refused or not there, e.g. {@code not-allowed (closed-node)}; ""
 */
public record NodeSubscription(String node, Optional<EntityBareJid> owner, State state, String detail) {

    /** A subscription's state. */
    public enum State {
        /** Subscribed: events arrive. */
        SUBSCRIBED("subscribed"),
        /** The server holds the request for the node owner's approval (access model authorize). */
        PENDING("pending approval"),
        /** The node does not exist yet (its owner creates it when it starts); retried when it comes online. */
        NOT_THERE_YET("node not there yet"),
        /** The server refused; {@link #detail()} has its condition. Retried when the owner comes online. */
        REFUSED("refused"),
        /** Not asked yet in this session. */
        UNKNOWN("not asked yet");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public NodeSubscription {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }

    /** Whether events of this node reach this site. */
    public boolean receiving() {
        return state == State.SUBSCRIBED;
    }
}
