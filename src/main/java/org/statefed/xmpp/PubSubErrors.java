package org.statefed.xmpp;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;

/** Turns PubSub error answers into sentences an operator can act on: node, condition, and the fix. */
final class PubSubErrors {
    private static final String PUBSUB_ERRORS = "http://jabber.org/protocol/pubsub#errors";
    private static final java.util.List<String> PUBSUB_CONDITIONS = java.util.List.of("precondition-not-met",
            "closed-node", "not-subscribed", "invalid-jid", "presence-subscription-required", "not-in-roster-group",
            "nodeid-required", "item-forbidden", "payload-too-big", "max-items-exceeded", "max-nodes-exceeded",
            "invalid-payload", "unsupported", "pending-subscription", "configuration-required");

    private PubSubErrors() {
    }

    static StanzaError.Condition condition(Throwable error) {
        return error instanceof XMPPErrorException x ? x.getStanzaError().getCondition() : null;
    }

    /** What went wrong with {@code action} on {@code node} at {@code service} for {@code account}, and the fix. */
    static String explain(String action, String node, String service, String account, Throwable error) {
        return explain(action, node, service, account, error, ServerSoftware.unknown());
    }

    /** As {@link #explain(String, String, String, String, Throwable)}, naming {@code software}'s own settings. */
    static String explain(String action, String node, String service, String account, Throwable error,
            ServerSoftware software) {
        StanzaError.Condition condition = condition(error);
        if (condition == null) {
            return action + " on node " + node + " at " + service + " failed: " + withoutError(error);
        }
        if (action.startsWith("subscribe") && "closed-node".equals(pubsubCondition(error))) {
            return action + " on node " + node + " at " + service + " failed with " + condition + " (closed-node): "
                    + "the node is whitelisted and " + service + " does not list " + account + " as member, though "
                    + "the node's owner affiliates its buddies; a server without member affiliations (Openfire "
                    + "stores them as outcast) makes the owner's statefed fall back to another access model: see "
                    + "the owner's log, and that " + account + " is in the owner's buddies";
        }
        if ("presence-subscription-required".equals(pubsubCondition(error))) {
            return action + " on node " + node + " at " + service + " failed with " + condition
                    + " (presence-subscription-required): the node uses access model presence, and " + account
                    + " has no presence subscription to its owner: both sites must list each other as buddies"
                    + " (statefed then subscribes to each other's presence), or an admin adds the roster entries";
        }
        String fix = switch (condition) {
            case forbidden, not_allowed -> action.startsWith("publish")
                    ? account + " may not publish this item: either it is not affiliated as a publisher (the node's "
                            + "owner must list it as a buddy), or the server (ejabberd) lets only an item's first "
                            + "publisher overwrite it on a node that persists items: set persist_items=0 on the shared node"
                    : action.startsWith("create")
                    ? software.createNodeSetting(account, service)
                    : account + " is not affiliated with this node: the node's owner must list " + account
                            + " as a buddy (its statefed then affiliates it), or an admin must add the affiliation";
            case item_not_found -> "the node does not exist (yet): its owner creates it when it starts;"
                    + " check pubsub_node and that the owner site is configured with this buddy";
            case not_authorized, registration_required -> account + " may not use this node: check the whitelist/affiliations";
            case feature_not_implemented, service_unavailable -> "the service " + service
                    + " does not support this (is pubsub_node the PubSub service, e.g. pubsub.example.com?)";
            case conflict -> "precondition-not-met".equals(pubsubCondition(error))
                    ? "the node's configuration does not match what statefed asks for (someone created it by hand "
                            + "or with other options): delete the node on " + service + " so statefed creates it again"
                    : "the node already exists (created by another site or by hand); statefed uses it as it is";
            case not_acceptable -> "payload-too-big".equals(pubsubCondition(error))
                    ? "the item is larger than the service allows: raise the service's max payload size"
                    : "the service refused the request as malformed: report it with the server's log line";
            case remote_server_not_found, remote_server_timeout -> service + " cannot be reached from "
                    + account + "'s server: check pubsub_node (it must be a PubSub service on that server)";
            case resource_constraint, policy_violation -> "the server refused for load or policy reasons; statefed retries";
            case internal_server_error -> software.kind() == ServerSoftware.Kind.PROSODY
                    || software.kind() == ServerSoftware.Kind.UNKNOWN
                    ? "see the server's log; prosody's memory storage, for one, refuses more than"
                            + " storage_archive_item_limit (default 1000) items per node"
                    : "see " + software.name() + "'s log; statefed retries";
            default -> "statefed retries; if it persists, the server's log says why it answered " + condition;
        };
        String specific = pubsubCondition(error);
        return action + " on node " + node + " at " + service + " failed with " + condition
                + (specific == null ? "" : " (" + specific + ")") + ": " + fix;
    }

    /** Errors other than an error answer: what happened and what statefed does about it. */
    private static String withoutError(Throwable error) {
        String what = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : " (" + error.getMessage() + ")");
        if (error instanceof org.jivesoftware.smack.SmackException.NoResponseException) {
            return "no answer within the reply timeout: the server is overloaded or the link is slow; statefed "
                    + "retries (raise timeout= in the client section for slow links)";
        }
        if (error instanceof org.jivesoftware.smack.SmackException.NotConnectedException) {
            return "the connection dropped before the answer came; statefed sends it again after reconnecting";
        }
        return what + "; statefed retries";
    }

    /** The PubSub-specific condition (XEP-0060 pubsub#errors), e.g. {@code precondition-not-met}, or null. */
    static String pubsubCondition(Throwable error) {
        if (error instanceof XMPPErrorException x) {
            for (String name : PUBSUB_CONDITIONS) {
                if (x.getStanzaError().getExtension(name, PUBSUB_ERRORS) != null) {
                    return name;
                }
            }
        }
        return null;
    }
}
