package org.statefed.xmpp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an existing own node what statefed would have created: a node someone else created first (an
 * admin, or a peer's subscribe on a server with autocreate) may be open to anyone and keep 20 items. At
 * every set-up the node's options are compared with {@link NodeOptions#forStatefed} and changed back;
 * per-site nodes also lose the affiliations and subscriptions of JIDs that are not buddies. A node whose
 * access cannot be made safe is refused: the set-up fails with an error naming what is wrong, and is retried.
 */
final class OwnNodeCheck {
    private static final Logger LOG = LoggerFactory.getLogger(OwnNodeCheck.class);
    /** Options that decide who reads and writes: never left as found. */
    private static final Set<String> ACCESS = Set.of("pubsub#access_model", "pubsub#publish_model");

    private final String account;
    private final PubSubClient pubsub;
    private final BareJid self;
    private final Predicate<BareJid> isBuddy;
    /** node + NUL + option the server refused to change: asked and reported once, not at every set-up. */
    private final Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    OwnNodeCheck(String account, PubSubClient pubsub, BareJid self, Predicate<BareJid> isBuddy) {
        this.account = account;
        this.pubsub = pubsub;
        this.self = self;
        this.isBuddy = isBuddy;
    }

    /**
     * @param exclusive whether only this site and its buddies belong on the node (per-site layout); a shared
     *     node's other affiliates are other sites' buddies
     * @throws IllegalStateException when the node's access model cannot be made what statefed needs
     */
    void verify(String node, NodeOptions wanted, boolean exclusive) throws Exception {
        Map<String, String> current;
        try {
            current = pubsub.configuration(node);
        } catch (XMPPErrorException e) {
            if (exclusive) {
                throw new IllegalStateException("node " + node + " at " + pubsub.service() + " exists but " + self
                        + " cannot read its configuration (" + e.getStanzaError().getCondition() + "): someone else "
                        + "created it, and statefed cannot control who reads it; delete the node on the server so "
                        + "statefed creates it as it needs", e);
            }
            // A shared node created by another site: its owner checks it.
            LOG.debug("[{}] not the owner of shared node {}: {}", account, node, e.getStanzaError().getCondition());
            return;
        }
        Map<String, String> wrong = differences(current, wanted.fields());
        wrong.keySet().removeIf(field -> !ACCESS.contains(field) && refused.contains(node + "\0" + field));
        if (!wrong.isEmpty()) {
            LOG.warn("[{}] node {} at {} is not configured as statefed asks ({}): someone else created or changed "
                    + "it, or the server did not take these options at creation; configuring it again", account, node,
                    pubsub.service(), describe(current, wrong));
            reconfigure(node, wrong, current);
        }
        if (exclusive) {
            removeStrangers(node);
        }
    }

    /** The wanted options the node has with another value; options the server does not report are skipped. */
    static Map<String, String> differences(Map<String, String> current, Map<String, String> wanted) {
        Map<String, String> out = new LinkedHashMap<>();
        wanted.forEach((field, value) -> {
            if (current.containsKey(field) && !normal(current.get(field)).equals(normal(value))) {
                out.put(field, value);
            }
        });
        return out;
    }

    private static String normal(String value) {
        String v = value.trim();
        return switch (v) {
            case "true" -> "1";
            case "false" -> "0";
            default -> v;
        };
    }

    private void reconfigure(String node, Map<String, String> wrong, Map<String, String> current) throws Exception {
        try {
            pubsub.configure(node, new NodeOptions(wrong));
            return;
        } catch (XMPPErrorException all) {
            Map<String, String> access = new LinkedHashMap<>(wrong);
            access.keySet().retainAll(ACCESS);
            wrong.keySet().stream().filter(field -> !ACCESS.contains(field)).forEach(field -> refused.add(node + "\0" + field));
            if (access.isEmpty()) {
                LOG.warn("[{}] {} refused to change {} of node {} ({}); statefed works with them, peers may resync "
                        + "fewer items from it", account, pubsub.service(), describe(current, wrong), node,
                        all.getStanzaError().getCondition());
                return;
            }
            try {
                pubsub.configure(node, new NodeOptions(access));
                LOG.warn("[{}] {} refused to change the other options of node {} ({}): {}", account,
                        pubsub.service(), node, all.getStanzaError().getCondition(), describe(current, wrong));
            } catch (XMPPErrorException e) {
                throw new IllegalStateException("node " + node + " at " + pubsub.service() + " has "
                        + describe(current, access) + " and " + self + " may not change it ("
                        + e.getStanzaError().getCondition() + "): statefed will not publish states there; delete "
                        + "the node on the server so statefed creates it as it needs", e);
            }
        }
    }

    private void removeStrangers(String node) throws Exception {
        Map<BareJid, Affiliation.Type> affiliations = pubsub.affiliations(node);
        for (Map.Entry<BareJid, Affiliation.Type> a : affiliations.entrySet()) {
            BareJid jid = a.getKey();
            if (!jid.equals(self) && !isBuddy.test(jid) && a.getValue() != Affiliation.Type.none
                    && a.getValue() != Affiliation.Type.outcast) {
                LOG.warn("[{}] {} is affiliated with our node {} as {} but is not a buddy: removing the affiliation",
                        account, jid, node, a.getValue());
                pubsub.affiliate(node, Map.of(jid, Affiliation.Type.none));
            }
        }
        List<Jid> subscribers;
        try {
            subscribers = pubsub.subscribers(node);
        } catch (XMPPErrorException e) {
            LOG.warn("[{}] {} does not let the owner list the subscribers of node {} ({}): statefed cannot check "
                    + "that only buddies are subscribed", account, pubsub.service(), node,
                    e.getStanzaError().getCondition());
            return;
        }
        for (Jid subscriber : subscribers) {
            BareJid bare = subscriber.asBareJid();
            if (!bare.equals(self) && !isBuddy.test(bare)) {
                LOG.warn("[{}] {} is subscribed to our node {} but is not a buddy: ending the subscription", account,
                        subscriber, node);
                pubsub.cancelSubscription(node, subscriber);
            }
        }
    }

    private static String describe(Map<String, String> current, Map<String, String> wrong) {
        StringBuilder sb = new StringBuilder();
        wrong.forEach((field, value) -> sb.append(sb.length() == 0 ? "" : ", ").append(field).append('=')
                .append(current.getOrDefault(field, "?")).append(" instead of ").append(value));
        return sb.toString();
    }
}
