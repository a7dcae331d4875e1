package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.config.PubsubLayout;

class NodeLayoutTest {
    private static final EntityBareJid SELF = JidCreate.entityBareFromOrThrowUnchecked("site1@a.example");
    private static final EntityBareJid B2 = JidCreate.entityBareFromOrThrowUnchecked("site2@a.example");
    private static final EntityBareJid B3 = JidCreate.entityBareFromOrThrowUnchecked("site3@b.example");

    @Test
    void pepNodesAreOnEachOwnersAccountAndDistinctByService() {
        NodeLayout pep = new NodeLayout(PubsubLayout.PEP, SELF, List.of(B2, B3));
        assertThat(pep.ownNode(NodeKind.DEVICE_STATE)).isEqualTo("device_state");
        assertThat(pep.watchedNodes()).extracting(WatchedNode::key).containsExactly("site2@a.example device_state",
                "site2@a.example message_waiting", "site3@b.example device_state", "site3@b.example message_waiting");
        assertThat(pep.watchedNodes()).allMatch(n -> n.owner().equals(Optional.of(n.service().orElseThrow())));
        assertThat(pep.eventKey(B3, "device_state")).isEqualTo("site3@b.example device_state");
        assertThat(pep.notifyFeatures()).containsExactly("device_state+notify", "message_waiting+notify");
        assertThat(pep.ownsItsNodes()).isTrue();
    }

    @Test
    void perSiteAndAsteriskNodesStayOnTheConfiguredServiceWithoutNotify() {
        NodeLayout perSite = new NodeLayout(PubsubLayout.PER_SITE, SELF, List.of(B2));
        assertThat(perSite.watchedNodes()).extracting(WatchedNode::key)
                .containsExactly("device_state/site2@a.example", "message_waiting/site2@a.example");
        assertThat(perSite.eventKey(B2, "device_state/site2@a.example")).isEqualTo("device_state/site2@a.example");
        assertThat(perSite.notifyFeatures()).isEmpty();
        assertThat(new NodeLayout(PubsubLayout.ASTERISK, SELF, List.of(B2)).ownNode(NodeKind.MAILBOX))
                .isEqualTo("message_waiting");
    }
}
