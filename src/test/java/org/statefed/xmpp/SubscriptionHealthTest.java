package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.config.PubsubLayout;

class SubscriptionHealthTest {
    private static final EntityBareJid SELF = JidCreate.entityBareFromOrThrowUnchecked("site1@example.com");
    private static final EntityBareJid BUDDY = JidCreate.entityBareFromOrThrowUnchecked("site2@example.com");
    private final List<WatchedNode> watched = new NodeLayout(PubsubLayout.PER_SITE, SELF, List.of(BUDDY)).watchedNodes();
    private final SubscriptionHealth health = new SubscriptionHealth(watched);

    private static XMPPErrorException closedNode() {
        return new XMPPErrorException(null, StanzaError.getBuilder(StanzaError.Condition.not_allowed)
                .addExtension(StandardExtensionElement.builder("closed-node",
                        "http://jabber.org/protocol/pubsub#errors").build()).build());
    }

    @Test
    void everyNodeRefusedAsOpenfireDoesMeansReceivingNothingAndTheConditionIsKept() {
        watched.forEach(node -> health.refused(node, closedNode()));
        assertThat(health.receivingAny()).isFalse();
        assertThat(health.summary()).isEqualTo("2 refused");
        assertThat(health.snapshot()).extracting(NodeSubscription::detail)
                .containsOnly("not-allowed (closed-node)");
    }

    @Test
    void oneSubscribedNodeIsReceivingAndPendingIsNot() {
        health.answered(watched.get(0), Subscription.State.pending);
        assertThat(health.receivingAny()).isFalse();
        health.answered(watched.get(1), Subscription.State.subscribed);
        assertThat(health.receivingAny()).isTrue();
        assertThat(health.summary()).isEqualTo("1 subscribed, 1 pending approval");
    }

    @Test
    void aNewSessionForgetsWhatTheLastOneWasTold() {
        watched.forEach(node -> health.answered(node, Subscription.State.subscribed));
        health.sessionStarted();
        assertThat(health.receivingAny()).isFalse();
        assertThat(health.summary()).isEqualTo("2 not asked yet");
    }

    @Test
    void aSiteWithoutBuddiesWatchesNothingAndThatIsNoAlarm() {
        assertThat(new SubscriptionHealth(List.of()).receivingAny()).isTrue();
    }
}
