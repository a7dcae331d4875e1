package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smackx.pubsub.Affiliation;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

class NodePlannerTest {
    private static final String NODE = "device_state/site1@example.com";
    private static final EntityBareJid BUDDY2 = JidCreate.entityBareFromOrThrowUnchecked("site2@example.com");
    private static final EntityBareJid BUDDY3 = JidCreate.entityBareFromOrThrowUnchecked("site3@example.com");

    /**
     * A node on a server that answers 'result' to every change, as Openfire 5.1.1 does, but has no member
     * affiliation: {@code member} is stored as {@code outcast}.
     */
    static final class MemberAsOutcastNode implements NodePlanner.ReadBack {
        final Map<String, String> config = new HashMap<>();
        final Map<BareJid, Affiliation.Type> affiliations = new HashMap<>();
        final List<String> applied = new ArrayList<>();

        void apply(NodeConfigPlan plan, List<? extends BareJid> buddies) {
            applied.add(plan.name());
            config.put("pubsub#access_model", plan.accessModel());
            config.put("pubsub#publish_model", "publishers");
            Affiliation.Type type = plan.buddyAffiliation().orElse(Affiliation.Type.none);
            for (BareJid buddy : buddies) {
                affiliations.put(buddy, type == Affiliation.Type.member ? Affiliation.Type.outcast : type);
            }
        }

        @Override
        public Map<String, String> configuration(String node) {
            return Map.copyOf(config);
        }

        @Override
        public Map<BareJid, Affiliation.Type> affiliations(String node) {
            return Map.copyOf(affiliations);
        }
    }

    private static ServiceFeatures advertising(List<String> features) {
        return ServiceFeatures.of(ServerFeatureSets.uris(features),
                ServerSoftware.recognise(List.of("Openfire 5.1.1")));
    }

    @Test
    void aServerThatStoresMemberAsOutcastIsCaughtAndTheNextPlanIsKept() throws Exception {
        List<EntityBareJid> buddies = List.of(BUDDY2, BUDDY3);
        MemberAsOutcastNode node = new MemberAsOutcastNode();
        NodePlanner planner = new NodePlanner("site1", "pubsub.example.com", true, buddies, node);
        // The double claims member-affiliation (as a misconfigured or lying server would): discovery alone
        // would keep whitelist+member, so only the read-back can catch it.
        planner.learned(advertising(ServerFeatureSets.TIGASE));
        assertThat(planner.plan().name()).isEqualTo("whitelist+member");

        planner.settle(NODE, plan -> node.apply(plan, buddies));

        assertThat(node.applied).containsExactly("whitelist+member", "presence");
        assertThat(planner.plan().name()).isEqualTo("presence");
        // The buddies' outcast entries (which would lock them out under any model) were cleared.
        assertThat(node.affiliations).containsOnly(Map.entry(BUDDY2, Affiliation.Type.none),
                Map.entry(BUDDY3, Affiliation.Type.none));
    }

    @Test
    void openfireFeaturesGoStraightToPresence() throws Exception {
        List<EntityBareJid> buddies = List.of(BUDDY2);
        MemberAsOutcastNode node = new MemberAsOutcastNode();
        NodePlanner planner = new NodePlanner("site1", "pubsub.example.com", true, buddies, node);
        planner.learned(advertising(ServerFeatureSets.OPENFIRE));
        planner.settle(NODE, plan -> node.apply(plan, buddies));
        assertThat(node.applied).containsExactly("presence");
    }

    @Test
    void whenNoPlanIsKeptTheErrorNamesTheServerAndWhatItStored() {
        List<EntityBareJid> buddies = List.of(BUDDY2);
        NodePlanner.ReadBack stubborn = new NodePlanner.ReadBack() {
            @Override
            public Map<String, String> configuration(String n) {
                return Map.of("pubsub#access_model", "authorize", "pubsub#publish_model", "publishers");
            }

            @Override
            public Map<BareJid, Affiliation.Type> affiliations(String n) {
                return Map.of();
            }
        };
        NodePlanner planner = new NodePlanner("site1", "pubsub.example.com", true, buddies, stubborn);
        planner.learned(advertising(ServerFeatureSets.OPENFIRE));
        assertThatThrownBy(() -> planner.settle(NODE, plan -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Openfire")
                .hasMessageContaining("pubsub#access_model=authorize instead of open");
    }

    @Test
    void theAuditNamesEachBuddyStoredWronglyAndToleratesUnreportedSettings() {
        Map<BareJid, Affiliation.Type> stored = Map.of(BUDDY2, Affiliation.Type.outcast, BUDDY3, Affiliation.Type.member);
        assertThat(NodeAudit.problems(NodeConfigPlan.WHITELIST_MEMBER, Map.of(), stored, List.of(BUDDY2, BUDDY3)))
                .hasValue("asked to affiliate buddies as member, it stored site2@example.com as outcast");
        assertThat(NodeAudit.problems(NodeConfigPlan.WHITELIST_MEMBER, Map.of(), null, List.of(BUDDY2))).isEmpty();
        // A buddy an admin made owner is not held against the plan.
        assertThat(NodeAudit.problems(NodeConfigPlan.WHITELIST_MEMBER, Map.of(),
                Map.of(BUDDY2, Affiliation.Type.owner), List.of(BUDDY2))).isEmpty();
    }
}
