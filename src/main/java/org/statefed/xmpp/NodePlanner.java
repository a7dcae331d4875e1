package org.statefed.xmpp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jxmpp.jid.BareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and keeps the {@link NodeConfigPlan} of one site's own nodes: learns what the service offers
 * once per session, applies the best plan, reads back what the server stored and moves to the next plan
 * when the server did not keep it. Whatever a plan gives up is said once at WARN, naming the server.
 * Runs on the session thread.
 */
final class NodePlanner {
    private static final Logger LOG = LoggerFactory.getLogger(NodePlanner.class);

    /** Applies a plan to a node: options and affiliations. */
    @FunctionalInterface
    interface Apply {
        void apply(NodeConfigPlan plan) throws Exception;
    }

    /** Reads what the server stored: configuration and affiliations (null when unreadable). */
    interface ReadBack {
        Map<String, String> configuration(String node) throws Exception;

        Map<BareJid, Affiliation.Type> affiliations(String node) throws Exception;
    }

    private final String account;
    private final String service;
    private final boolean exclusive;
    private final List<? extends BareJid> buddies;
    private final ReadBack readBack;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile ServiceFeatures features = ServiceFeatures.unknown();
    private volatile List<NodeConfigPlan> candidates;
    private volatile int current;
    private volatile Optional<NodeConfigPlan> fixed = Optional.empty();

    NodePlanner(String account, String service, boolean exclusive, List<? extends BareJid> buddies, ReadBack readBack) {
        this.account = account;
        this.service = service;
        this.exclusive = exclusive;
        this.buddies = List.copyOf(buddies);
        this.readBack = readBack;
        this.candidates = NodeConfigPlan.candidates(features, exclusive);
    }

    /** A planner that always uses one plan (PEP: presence access, no affiliations). */
    static NodePlanner fixed(String account, String service, NodeConfigPlan plan, ReadBack readBack) {
        NodePlanner planner = new NodePlanner(account, service, true, List.of(), readBack);
        planner.fixed = Optional.of(plan);
        return planner;
    }

    /** What the service offers, learned at a session's start; the plans start again from the best. */
    void learned(ServiceFeatures discovered) {
        boolean changed = !discovered.equals(features);
        features = discovered;
        candidates = NodeConfigPlan.candidates(discovered, exclusive);
        current = 0;
        if (changed) {
            LOG.info("[{}] PubSub service {}: {}; node plan {}", account, service, discovered.summary(),
                    plan().name());
        }
    }

    ServiceFeatures features() {
        return features;
    }

    NodeConfigPlan plan() {
        return fixed.orElseGet(() -> candidates.get(Math.min(current, candidates.size() - 1)));
    }

    /**
     * Applies the current plan to {@code node} and checks what the server stored, going down the plans
     * until one is kept.
     *
     * @throws IllegalStateException when no plan is kept, naming what the server stored
     */
    void settle(String node, Apply apply) throws Exception {
        while (true) {
            NodeConfigPlan plan = plan();
            apply.apply(plan);
            Optional<String> wrong = NodeAudit.problems(plan, configuration(node), affiliations(node),
                    plan.buddyAffiliation().isPresent() || exclusive ? buddies : List.of());
            if (wrong.isEmpty()) {
                warnIfIncomplete(plan);
                return;
            }
            if (fixed.isPresent() || current >= candidates.size() - 1) {
                throw new IllegalStateException(features.software().name() + " at " + service + " did not keep the"
                        + " configuration of node " + node + " (" + wrong.get() + "), and no other configuration is"
                        + " left to try; buddies cannot read this site's states");
            }
            current++;
            LOG.warn("[{}] {} at {} answered 'result' but did not keep what statefed set on node {}: {}. Trying {}"
                    + " instead", account, features.software().name(), service, node, wrong.get(), plan().name());
        }
    }

    private void warnIfIncomplete(NodeConfigPlan plan) {
        if (!plan.complete() && warned.add(plan.name())) {
            LOG.warn("[{}] {} at {} cannot give statefed's nodes whitelist access with member affiliations: using "
                    + "{}, which loses the guarantee '{}': {}", account, features.software().name(), service,
                    plan.name(), plan.lost(), plan.exposed());
        }
    }

    private Map<String, String> configuration(String node) {
        try {
            return readBack.configuration(node);
        } catch (Exception e) {
            LOG.debug("[{}] cannot read back the configuration of {}: {}", account, node, e.toString());
            return Map.of();
        }
    }

    private Map<BareJid, Affiliation.Type> affiliations(String node) {
        try {
            return readBack.affiliations(node);
        } catch (Exception e) {
            LOG.debug("[{}] cannot read back the affiliations of {}: {}", account, node, e.toString());
            return null;
        }
    }
}
