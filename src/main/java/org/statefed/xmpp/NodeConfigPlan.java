package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smackx.pubsub.Affiliation;

/**
 * How statefed configures its own nodes on one service: the access model, the affiliation its buddies get,
 * and what of "only the owner publishes, only buddies read" this gives up. {@link #candidates} lists the
 * plans in order of preference for what a service offers; a plan whose result the server does not store
 * (read back by {@link NodeAudit}) is dropped for the next one.
 *
 * @param name short name for logs and tests, e.g. {@code whitelist+member}
 * @param accessModel {@code pubsub#access_model}
 * @param buddyAffiliation what buddies are affiliated as; empty when access does not depend on affiliations
 * @param lost the guarantee this plan gives up, in plain words; "" when none
 * @param exposed who can read or write what they should not under this plan; "" when nobody
 */
record NodeConfigPlan(String name, String accessModel, Optional<Affiliation.Type> buddyAffiliation, String lost,
        String exposed) {

    NodeConfigPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessModel, "accessModel");
        Objects.requireNonNull(buddyAffiliation, "buddyAffiliation");
        Objects.requireNonNull(lost, "lost");
        Objects.requireNonNull(exposed, "exposed");
    }

    /** Whether this plan keeps every guarantee statefed wants. */
    boolean complete() {
        return lost.isEmpty();
    }

    /** The node options for this plan: {@link NodeOptions#forStatefed} with this access model. */
    NodeOptions options(int maxItems, boolean persist) {
        return NodeOptions.forStatefed(maxItems, persist).withAccessModel(accessModel);
    }

    static final NodeConfigPlan WHITELIST_MEMBER = new NodeConfigPlan("whitelist+member", "whitelist",
            Optional.of(Affiliation.Type.member), "", "");
    static final NodeConfigPlan PRESENCE = new NodeConfigPlan("presence", "presence", Optional.empty(),
            "only buddies read", "every account with a presence subscription to this site's account (its roster"
                    + " contacts, buddies or not) may read its states");
    static final NodeConfigPlan WHITELIST_PUBLISHER = new NodeConfigPlan("whitelist+publisher", "whitelist",
            Optional.of(Affiliation.Type.publisher), "only the owner publishes", "buddies may publish on this"
                    + " site's nodes; receivers still drop items whose entity id is not the owner's, but cannot tell"
                    + " who published where the server names no publisher");
    static final NodeConfigPlan OPEN = new NodeConfigPlan("open", "open", Optional.empty(), "only buddies read",
            "every account on the service may subscribe to this site's nodes and read its states");
    /** Shared nodes (asterisk layout): every buddy publishes. */
    static final NodeConfigPlan SHARED_WHITELIST = new NodeConfigPlan("whitelist+publisher", "whitelist",
            Optional.of(Affiliation.Type.publisher), "", "");
    static final NodeConfigPlan SHARED_OPEN = new NodeConfigPlan("open", "open", Optional.empty(),
            "only buddies read and publish", "every account on the service may read the shared nodes; only"
                    + " affiliated publishers may write, where the server lets the owner name them");
    /** PEP (XEP-0163): the account's own service; presence subscriptions decide who reads. */
    static final NodeConfigPlan PEP_PRESENCE = new NodeConfigPlan("presence (PEP)", "presence", Optional.empty(),
            "", "");

    /**
     * The plans worth trying on this service, best first; never empty (the last resort keeps sharing
     * working and says what it exposes).
     *
     * @param exclusive nodes that only their owner publishes to (per-site layout); false for shared nodes
     */
    static List<NodeConfigPlan> candidates(ServiceFeatures service, boolean exclusive) {
        List<NodeConfigPlan> out = new ArrayList<>();
        if (!exclusive) {
            if (service.offersAffiliation("publisher") && service.offersAccessModel("whitelist")) {
                out.add(SHARED_WHITELIST);
            }
            out.add(SHARED_OPEN);
            return List.copyOf(out);
        }
        if (service.offersAffiliation("member") && service.offersAccessModel("whitelist")) {
            out.add(WHITELIST_MEMBER);
        }
        if (service.answered() && service.has("access-presence")) {
            out.add(PRESENCE);
        }
        if (service.offersAffiliation("publisher") && service.offersAccessModel("whitelist")) {
            out.add(WHITELIST_PUBLISHER);
        }
        out.add(OPEN);
        return List.copyOf(out);
    }
}
