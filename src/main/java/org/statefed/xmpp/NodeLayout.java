package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;
import org.statefed.config.PubsubLayout;

/**
 * The PubSub node names one site uses, for each layout (see docs/protocol.md).
 *
 * <ul>
 *   <li>{@code asterisk}: every site publishes to and subscribes to the shared nodes
 *       {@code device_state} and {@code message_waiting}, exactly as Asterisk res_xmpp does.</li>
 *   <li>{@code per-site}: each site owns {@code device_state/JID} and {@code message_waiting/JID}
 *       (JID = its bare JID), is their only publisher, and subscribes to each buddy's two nodes.</li>
 *   <li>{@code pep}: each site owns {@code device_state} and {@code message_waiting} on its own account
 *       (XEP-0163); a buddy's nodes are the same names on the buddy's account, and events come through
 *       {@code +notify} in entity capabilities instead of subscriptions.</li>
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
        return layout == PubsubLayout.PER_SITE ? base + "/" + self : base;
    }

    /** Nodes this site subscribes to: the shared two, or both nodes of every buddy. */
    List<WatchedNode> watchedNodes() {
        List<WatchedNode> nodes = new ArrayList<>();
        if (layout == PubsubLayout.ASTERISK) {
            nodes.add(new WatchedNode(DEVICE_STATE, NodeKind.DEVICE_STATE, Optional.empty()));
            nodes.add(new WatchedNode(MESSAGE_WAITING, NodeKind.MAILBOX, Optional.empty()));
        } else {
            for (EntityBareJid buddy : buddies) {
                nodes.addAll(nodesOf(buddy));
            }
        }
        return List.copyOf(nodes);
    }

    /** The nodes owned by one buddy (per-site and PEP layouts); empty in the asterisk layout. */
    List<WatchedNode> nodesOf(EntityBareJid buddy) {
        if (layout == PubsubLayout.ASTERISK) {
            return List.of();
        }
        if (layout == PubsubLayout.PEP) {
            return List.of(
                    new WatchedNode(DEVICE_STATE, NodeKind.DEVICE_STATE, Optional.of(buddy), Optional.of(buddy)),
                    new WatchedNode(MESSAGE_WAITING, NodeKind.MAILBOX, Optional.of(buddy), Optional.of(buddy)));
        }
        return List.of(
                new WatchedNode(DEVICE_STATE + "/" + buddy, NodeKind.DEVICE_STATE, Optional.of(buddy)),
                new WatchedNode(MESSAGE_WAITING + "/" + buddy, NodeKind.MAILBOX, Optional.of(buddy)));
    }

    /** Whether this site must create and own its nodes exclusively (per-site and PEP). */
    boolean ownsItsNodes() {
        return layout != PubsubLayout.ASTERISK;
    }

    /** Whether nodes live on the accounts themselves (XEP-0163) rather than on a PubSub service. */
    boolean pep() {
        return layout == PubsubLayout.PEP;
    }

    /** The {@code +notify} features a PEP site advertises so that its buddies' servers send it their events. */
    List<String> notifyFeatures() {
        return pep() ? List.of(DEVICE_STATE + "+notify", MESSAGE_WAITING + "+notify") : List.of();
    }

    /** The key of a watched node an event names: in PEP the node's service is the event's sender. */
    String eventKey(org.jxmpp.jid.BareJid from, String node) {
        return WatchedNode.keyOf(pep() ? Optional.of(from) : Optional.empty(), node);
    }
}
