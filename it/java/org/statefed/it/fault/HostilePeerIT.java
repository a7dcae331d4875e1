package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PublishItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.SubscribeExtension;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.wire.RejectReason;
import org.statefed.xmpp.Counters;

/**
 * Fault 5: a hostile buddy (plain Smack, not statefed) publishes every kind of bad item on the shared
 * node, a stranger tries to subscribe and publish, and a site is configured with another's entity id.
 * The good sites keep correct aggregates and count every drop.
 */
class HostilePeerIT {
    private static final Duration READY = Duration.ofSeconds(20);
    private static final String ROGUE_PASSWORD = "rogue-pw";

    private static XMPPTCPConnection raw(XmppServer server, String localpart, String password) throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain()).setHost(server.host()).setPort(server.clientPort())
                .setUsernameAndPassword(localpart, password).setSecurityMode(SecurityMode.disabled).build());
        c.connect().login();
        return c;
    }

    private static void publish(XMPPTCPConnection c, XmppServer server, String itemId, String payloadXml)
            throws Exception {
        ExtensionElement payload = new SimplePayload(payloadXml);
        PubSub iq = PubSub.createPubsubPacket(JidCreate.domainBareFrom(server.pubsubService()), IQ.Type.set,
                new PublishItem<>("device_state", new PayloadItem<>(itemId, payload)));
        c.sendIqRequestAndWaitForResponse(iq);
    }

    private static final String EVENT_NS = "http://jabber.org/protocol/pubsub#event";

    /** An {@code <event/>} wrapper as the PubSub service would send it. */
    private static StandardExtensionElement event(StandardExtensionElement child) {
        return StandardExtensionElement.builder("event", EVENT_NS).addElement(child).build();
    }

    private static String state(String eid, String token) {
        return "<state xmlns='http://asterisk.org' eid='" + eid + "'>" + token + "</state>";
    }

    @Test
    void goodSitesKeepCorrectAggregatesAndCountEveryDrop() throws Exception {
        try (XmppServer server = XmppServers.ejabberd(new ServerOptions(List.of("site1", "site2", "site3"), true, 10_000));
                ProxiedCluster cluster = new ProxiedCluster(server, PubsubLayout.ASTERISK, 3, Duration.ofSeconds(30))) {
            cluster.addBuddyAccount("rogue", ROGUE_PASSWORD);
            server.createAccount("stranger", "stranger-pw");
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            StatefedNode site2 = cluster.node("site2");
            site1.changeDeviceState("SIP/500", DeviceState.NOT_INUSE);
            site2.changeDeviceState("SIP/600", DeviceState.RINGING);
            Map<String, DeviceState> good = Map.of("SIP/500", DeviceState.NOT_INUSE, "SIP/600", DeviceState.RINGING);
            ProxiedCluster.awaitAggregates(READY, cluster.nodes(), good);
            String eid1 = cluster.eidOf("site1").toString();
            String eid2 = cluster.eidOf("site2").toString();

            XMPPTCPConnection rogue = raw(server, "rogue", ROGUE_PASSWORD);
            try {
                publish(rogue, server, "SIP/600", state(eid2, "NOT_INUSE"));          // forged: site2's eid
                publish(rogue, server, "SIP/500", state(eid1, "INUSE"));              // site1's own eid
                publish(rogue, server, "SIP/500", state("00:11:22:33:44:99", "EXPLODING"));
                publish(rogue, server, "SIP/500", "<state xmlns='http://asterisk.org'>INUSE</state>");
                publish(rogue, server, "SIP/500", state("not-an-eid", "INUSE"));
                publish(rogue, server, "S".repeat(400), state("00:11:22:33:44:99", "INUSE"));
                publish(rogue, server, "SIP/501", state("00:11:22:33:44:99", "INUSE" + "X".repeat(50_000)));
                publish(rogue, server, "SIP/502", "<bomb xmlns='urn:example:evil'><x/></bomb>");

                // Forged PubSub events sent straight to a site, as if from the service: a purge and a retract.
                long foreignBefore = site1.counters().get(Counters.Counter.NOT_A_BUDDY);
                for (StandardExtensionElement forged : List.of(
                        event(StandardExtensionElement.builder("purge", EVENT_NS)
                                .addAttribute("node", "device_state").build()),
                        event(StandardExtensionElement.builder("items", EVENT_NS)
                                .addAttribute("node", "device_state")
                                .addElement(StandardExtensionElement.builder("retract", EVENT_NS)
                                        .addAttribute("id", "SIP/500").build()).build()))) {
                    rogue.sendStanza(MessageBuilder.buildMessage().ofType(Message.Type.headline)
                            .to(JidCreate.entityBareFrom("site1@" + server.domain())).addExtension(forged).build());
                }
                Await.until(READY, () -> site1.counters().get(Counters.Counter.NOT_A_BUDDY) >= foreignBefore + 2,
                        () -> "site1 did not drop the forged events: " + site1.counters().snapshot());
            } finally {
                rogue.disconnect();
            }

            XMPPTCPConnection stranger = raw(server, "stranger", "stranger-pw");
            try {
                long deniedBefore = site1.counters().get(Counters.Counter.NOT_A_BUDDY);
                stranger.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.subscribe)
                        .to(JidCreate.entityBareFrom("site1@" + server.domain())).build());
                Await.until(READY, () -> site1.counters().get(Counters.Counter.NOT_A_BUDDY) > deniedBefore,
                        () -> "site1 did not deny the stranger's presence subscription");
                assertThatThrownBy(() -> publish(stranger, server, "SIP/500", state("00:11:22:33:44:77", "INUSE")))
                        .isInstanceOf(XMPPErrorException.class);
                assertThatThrownBy(() -> stranger.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(
                        JidCreate.domainBareFrom(server.pubsubService()), IQ.Type.set,
                        new SubscribeExtension(stranger.getUser().asEntityBareJid(), "device_state"))))
                        .isInstanceOf(XMPPErrorException.class);
            } finally {
                stranger.disconnect();
            }

            List<StatefedNode> goodSites = cluster.nodes();
            Await.until(READY, () -> goodSites.stream().allMatch(n ->
                    n.counters().rejections(RejectReason.UNKNOWN_STATE) >= 1
                    && n.counters().rejections(RejectReason.MISSING_EID) >= 1
                    && n.counters().rejections(RejectReason.MALFORMED_EID) >= 1
                    && n.counters().rejections(RejectReason.BAD_ITEM_ID) >= 1
                    && n.counters().rejections(RejectReason.UNKNOWN_PAYLOAD) >= 1
                    && n.counters().get(Counters.Counter.ITEMS_REJECTED) >= 6),
                    () -> "counters " + goodSites.stream().map(n -> n.counters().rejectionSnapshot()).toList());
            Await.until(READY, () -> site1.counters().get(Counters.Counter.DUPLICATE_EID) >= 1
                    && site2.counters().get(Counters.Counter.FORGED_EID) >= 1
                    && cluster.node("site3").counters().get(Counters.Counter.FORGED_EID) >= 2,
                    () -> "site1 " + site1.counters().snapshot() + " site2 " + site2.counters().snapshot());
            ProxiedCluster.awaitAggregates(READY, goodSites, good);

            // A site configured with another's entity id: site3 restarts with site1's.
            cluster.stop("site3");
            cluster.useEntityId("site3", cluster.eidOf("site1"));
            long duplicatesBefore = site1.counters().get(Counters.Counter.DUPLICATE_EID);
            long presencesRejectedBefore = site2.counters().get(Counters.Counter.PRESENCE_REJECTED);
            long forgedBefore = site2.counters().get(Counters.Counter.FORGED_EID);
            StatefedNode impostor = cluster.start("site3");
            impostor.changeDeviceState("SIP/600", DeviceState.BUSY);
            Await.until(READY, () -> site1.counters().get(Counters.Counter.DUPLICATE_EID) > duplicatesBefore,
                    () -> "site1 did not notice the duplicate entity id: " + site1.counters().snapshot());
            // Counted from before the impostor (earlier faults counted too): its presence, and both items it
            // publishes (its refresh request and SIP/600), so the aggregates below are checked after SIP/600
            // was dropped, not before it arrived.
            Await.until(READY, () -> site2.counters().get(Counters.Counter.PRESENCE_REJECTED) > presencesRejectedBefore
                    && site2.counters().get(Counters.Counter.FORGED_EID) >= forgedBefore + 2,
                    () -> "site2 " + site2.counters().snapshot());
            ProxiedCluster.awaitAggregates(READY, List.of(site1, site2), good);
            assertThat(site2.devices().state("SIP/600", EntityId.parse(eid1))).isEmpty();
            System.out.printf("[fault 5 ejabberd asterisk] site1 counters %s; site2 rejections %s%n",
                    site1.counters().snapshot(), site2.counters().rejectionSnapshot());
        }
    }
}
