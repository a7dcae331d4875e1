package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.List;

import org.jxmpp.jid.EntityBareJid;
import org.statefed.config.PubsubLayout;

/**
 * The PubSub node names one site uses, for either layout (see docs/protocol.md).
 *
 * <ul>
 *   <li>{@code asterisk}: every site publishes to and subscribes to the shared nodes
 *       {@code device_state} and {@code message_waiting}, exactly as Asterisk res_xmpp does.</li>
 *   <li>{@code per-site}: each site owns {@code device_state/JID} and {@code message_waiting/JID}
 *       (JID = its bare JID), is their only publisher, and subscribes to each buddy's two nodes.</li>
 * </ul>
 */
record NodeLayout(PubsubLayout layout, EntityBareJid self, List<EntityBareJid> buddies) {
    static final String DEVICE_STATE = "device_state";
    static final String MESSAGE_WAITING = "message_waiting";

    NodeLayout {
        buddies = List.copyOf(buddies);
    }

    /** Node this site publishes device states to. */
    String ownNode(NodeKind kind) {
        String base = kind == NodeKind.DEVICE_STATE ? DEVICE_STATE : MESSAGE_WAITING;
        return layout == PubsubLayout.ASTERISK ? base : base + "/" + self;
    }

    /** Nodes this site subscribes to: the shared two, or both nodes of every buddy. */
    List<WatchedNode> watchedNodes() {
        List<WatchedNode> nodes = new ArrayList<>();
        if (layout == PubsubLayout.ASTERISK) {
            nodes.add(new WatchedNode(DEVICE_STATE, NodeKind.DEVICE_STATE, java.util.Optional.empty()));
            nodes.add(new WatchedNode(MESSAGE_WAITING, NodeKind.MAILBOX, java.util.Optional.empty()));
        } else {
            for (EntityBareJid buddy : buddies) {
                nodes.addAll(nodesOf(buddy));
            }
        }
        return List.copyOf(nodes);
    }

    /** The nodes owned by one buddy (per-site layout); empty in the asterisk layout. */
    List<WatchedNode> nodesOf(EntityBareJid buddy) {
        if (layout == PubsubLayout.ASTERISK) {
            return List.of();
        }
        return List.of(
                new WatchedNode(DEVICE_STATE + "/" + buddy, NodeKind.DEVICE_STATE, java.util.Optional.of(buddy)),
                new WatchedNode(MESSAGE_WAITING + "/" + buddy, NodeKind.MAILBOX, java.util.Optional.of(buddy)));
    }

    /** Whether this site must create and own its nodes exclusively. */
    boolean ownsItsNodes() {
        return layout == PubsubLayout.PER_SITE;
    }
}
