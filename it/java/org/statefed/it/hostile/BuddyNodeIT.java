package org.statefed.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.pubsub.FormNode;
import org.jivesoftware.smackx.pubsub.FormNodeType;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jivesoftware.smackx.pubsub.packet.PubSubNamespace;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.Backoff;
import org.statefed.xmpp.Counters;

/**
 * Issue 10, items 2 and 5, on a real prosody (per-site layout): a buddy's node that keeps no items, and a
 * buddy's node deleted and created again.
 */
class BuddyNodeIT {
    private static final Duration READY = Duration.ofSeconds(20);

    private static XmppServer prosody() {
        return XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
    }

    /** The node's owner changes one option of its node (XEP-0060 8.2.4, a partial form). */
    static void configure(XMPPTCPConnection owner, XmppServer server, String node, String field, String value)
            throws Exception {
        DataForm form = DataForm.builder(DataForm.Type.submit)
                .setFormType("http://jabber.org/protocol/pubsub#node_config")
                .addField(FormField.textSingleBuilder(field).setValue(value).build()).build();
        PubSub request = PubSub.createPubsubPacket(JidCreate.domainBareFrom(server.pubsubService()), IQ.Type.set,
                new FormNode(FormNodeType.CONFIGURE_OWNER, node, form));
        owner.sendIqRequestAndWaitForResponse(request);
    }

    @Test
    void aBuddysNodeThatKeepsNoItemsDoesNotStopASessionAndStillDeliversItsStates() throws Exception {
        try (XmppServer server = prosody(); Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site2 = cluster.node("site2");
            site2.changeDeviceState("SIP/200", DeviceState.INUSE);
            Await.until(READY, () -> cluster.node("site1").devices().aggregate("SIP/200") == DeviceState.INUSE,
                    cluster::describeLinks);

            XMPPTCPConnection owner = RawClient.login(server, "site2", Cluster.PASSWORD, "meddler");
            try {
                configure(owner, server, "device_state/site2@" + server.domain(), "pubsub#persist_items", "0");
            } finally {
                owner.disconnect();
            }
            cluster.stop("site1");
            StatefedNode site1 = cluster.start("site1");
            // Before the fix the item fetch's feature-not-implemented failed every set-up, forever.
            cluster.awaitReady(READY);
            assertThat(site1.counters().get(Counters.Counter.RESYNC_FAILED)).isGreaterThanOrEqualTo(1);
            // The state comes with site2's answer to the refresh request, later changes as live events.
            Await.until(READY, () -> site1.devices().aggregate("SIP/200") == DeviceState.INUSE,
                    () -> "site1 sees " + site1.devices().aggregate("SIP/200"));
            site2.changeDeviceState("SIP/200", DeviceState.RINGING);
            Await.until(READY, () -> site1.devices().aggregate("SIP/200") == DeviceState.RINGING,
                    () -> "site1 sees " + site1.devices().aggregate("SIP/200"));
        }
    }

    @Test
    void aBuddyWhoseNodeWasDeletedIsHeardAgainOnceTheNodeIsBack() throws Exception {
        try (XmppServer server = prosody(); Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            StatefedNode site2 = cluster.node("site2");
            site1.changeDeviceState("SIP/100", DeviceState.INUSE);
            Await.until(READY, () -> site2.devices().aggregate("SIP/100") == DeviceState.INUSE, cluster::describeLinks);

            // As `xmpp delete node` does: site2's subscription dies with the node.
            site1.sites().get(0).deleteNode("device_state/site1@" + server.domain());
            Await.until(READY, () -> site2.counters().get(Counters.Counter.RETRACTS_IGNORED) >= 1,
                    () -> "site2 got no delete event");
            // The next publish creates the node again; site2 must find it and subscribe again.
            site1.changeDeviceState("SIP/100", DeviceState.BUSY);
            Duration bound = Backoff.CONNECT.delay(1).plus(Backoff.CONNECT.delay(2)).plus(READY);
            Await.until(bound, () -> site2.devices().aggregate("SIP/100") == DeviceState.BUSY,
                    () -> "site2 sees " + site2.devices().aggregate("SIP/100"));
            site1.changeDeviceState("SIP/100", DeviceState.RINGING);
            Await.until(READY, () -> site2.devices().aggregate("SIP/100") == DeviceState.RINGING,
                    () -> "site2 sees " + site2.devices().aggregate("SIP/100"));
        }
    }
}
