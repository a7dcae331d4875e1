package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jxmpp.jid.BareJid;

/**
 * Compares what the server stored for one of our nodes (its configuration and affiliations, read back as
 * the owner) with a {@link NodeConfigPlan}. Servers answer {@code result} to settings they do not keep:
 * Openfire, which has no member affiliation, stores {@code member} as {@code outcast}, and every buddy's
 * subscription is then refused with {@code closed-node}.
 */
final class NodeAudit {

    private NodeAudit() {
    }

    /**
     * What is wrong with the stored state, in words naming the setting and the JIDs; empty if it is what the
     * plan asked for. Options or affiliations the server does not report are not held against it.
     *
     * @param stored the node's configuration as read back; empty when it could not be read
     * @param affiliations the node's affiliations as read back; null when they could not be read
     */
    static Optional<String> problems(NodeConfigPlan plan, Map<String, String> stored,
            Map<BareJid, Affiliation.Type> affiliations, Collection<? extends BareJid> buddies) {
        List<String> wrong = new ArrayList<>();
        String access = stored.get("pubsub#access_model");
        if (access != null && !access.equals(plan.accessModel())) {
            wrong.add("pubsub#access_model=" + access + " instead of " + plan.accessModel());
        }
        String publish = stored.get("pubsub#publish_model");
        if (publish != null && !publish.equals("publishers")) {
            wrong.add("pubsub#publish_model=" + publish + " instead of publishers");
        }
        if (affiliations != null) {
            Affiliation.Type wanted = plan.buddyAffiliation().orElse(Affiliation.Type.none);
            List<String> misfiled = new ArrayList<>();
            for (BareJid buddy : buddies) {
                Affiliation.Type got = affiliations.getOrDefault(buddy, Affiliation.Type.none);
                // An owner (an admin made one, or prosody's component admins) reads and publishes anyway.
                if (got != wanted && got != Affiliation.Type.owner) {
                    misfiled.add(buddy + " as " + got);
                }
            }
            if (!misfiled.isEmpty()) {
                wrong.add("asked to affiliate buddies as " + wanted + ", it stored " + shortList(misfiled));
            }
        }
        return wrong.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", wrong));
    }

    private static String shortList(List<String> items) {
        int shown = Math.min(5, items.size());
        String head = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? head + " and " + (items.size() - shown) + " more" : head;
    }
}
