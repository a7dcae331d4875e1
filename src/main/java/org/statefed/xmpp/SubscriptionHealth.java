package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smackx.pubsub.Subscription;

/**
 * The subscription state of every watched node of one site, as the server last answered: what
 * {@code jabber show subscriptions} prints, and what decides whether a "ready" session really receives
 * anything. Written by the session's set-up threads, read by the admin thread.
 */
final class SubscriptionHealth {
    private final List<WatchedNode> watched;
    private final Map<String, NodeSubscription> byNode = new ConcurrentHashMap<>();

    SubscriptionHealth(List<WatchedNode> watched) {
        this.watched = List.copyOf(watched);
        sessionStarted();
    }

    /** A new session: nothing is known until the server answers again. */
    void sessionStarted() {
        for (WatchedNode node : watched) {
            byNode.put(node.key(), new NodeSubscription(node.key(), node.owner(), NodeSubscription.State.UNKNOWN, ""));
        }
    }

    /** The server answered a subscribe (or listed an existing subscription) with {@code state}. */
    void answered(WatchedNode node, Subscription.State state) {
        NodeSubscription.State s = switch (state == null ? Subscription.State.subscribed : state) {
            case pending -> NodeSubscription.State.PENDING;
            case none -> NodeSubscription.State.REFUSED;
            default -> NodeSubscription.State.SUBSCRIBED;
        };
        byNode.put(node.key(), new NodeSubscription(node.key(), node.owner(), s,
                state == Subscription.State.unconfigured ? "unconfigured" : ""));
    }

    /** The server refused the subscribe. */
    void refused(WatchedNode node, XMPPErrorException error) {
        String specific = PubSubErrors.pubsubCondition(error);
        String detail = error.getStanzaError().getCondition() + (specific == null ? "" : " (" + specific + ")");
        NodeSubscription.State state = error.getStanzaError().getCondition()
                == org.jivesoftware.smack.packet.StanzaError.Condition.item_not_found
                        ? NodeSubscription.State.NOT_THERE_YET : NodeSubscription.State.REFUSED;
        byNode.put(node.key(), new NodeSubscription(node.key(), node.owner(), state, detail));
    }

    /** Every watched node, in layout order. */
    List<NodeSubscription> snapshot() {
        List<NodeSubscription> out = new ArrayList<>();
        for (WatchedNode node : watched) {
            out.add(byNode.get(node.key()));
        }
        return out;
    }

    /** How many watched nodes are in each state. */
    Map<NodeSubscription.State, Integer> counts() {
        Map<NodeSubscription.State, Integer> out = new EnumMap<>(NodeSubscription.State.class);
        for (NodeSubscription s : snapshot()) {
            out.merge(s.state(), 1, Integer::sum);
        }
        return out;
    }

    /** Whether at least one watched node sends events here; true when nothing is watched (no buddies). */
    boolean receivingAny() {
        return watched.isEmpty() || snapshot().stream().anyMatch(NodeSubscription::receiving);
    }

    /** e.g. {@code 2 subscribed, 2 refused}. */
    String summary() {
        List<String> parts = new ArrayList<>();
        counts().forEach((state, n) -> parts.add(n + " " + state.text()));
        return parts.isEmpty() ? "no nodes watched" : String.join(", ", parts);
    }
}
