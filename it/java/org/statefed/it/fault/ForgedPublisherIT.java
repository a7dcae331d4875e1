package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PublishItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
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
import org.statefed.xmpp.Counters;

/**
 * Issue 10 item 3: prosody makes every admin of the PubSub component an owner of every node, so an admin
 * account that is nobody's buddy can publish on {@code device_state/site2@…} with site2's entity id. With
 * {@code expose_publisher = true} (the fixture's prosody has it) the item names its publisher, and a site
 * applies items on a buddy's node only when that buddy published them.
 */
class ForgedPublisherIT {
    private static final Duration READY = Duration.ofSeconds(20);

    @Test
    void adminPublishingOnABuddysNodeInItsNameIsRefusedAndCounted() throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2", "boss"), false, 10_000));
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            server.createAccount("boss", "boss-pw");
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            StatefedNode site2 = cluster.node("site2");
            site2.changeDeviceState("SIP/200", DeviceState.NOT_INUSE);
            Cluster.awaitAggregates(READY, List.of(site1), Map.of("SIP/200", DeviceState.NOT_INUSE));

            XMPPTCPConnection boss = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(server.domain()).setHost(server.host()).setPort(server.clientPort())
                    .setUsernameAndPassword("boss", "boss-pw").setSecurityMode(SecurityMode.disabled).build());
            try {
                boss.connect().login();
                String eid2 = cluster.eidOf("site2").toString();
                boss.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(
                        JidCreate.domainBareFrom(server.pubsubService()), IQ.Type.set,
                        new PublishItem<>("device_state/" + Cluster.jid("site2", server), new PayloadItem<>("SIP/200",
                                new SimplePayload("<state xmlns='http://asterisk.org' eid='" + eid2
                                        + "' cachable='1'>BUSY</state>")))));
                Await.until(READY, () -> site1.counters().get(Counters.Counter.FORGED_PUBLISHER) >= 1,
                        () -> "site1 did not refuse the admin's item: " + site1.counters().snapshot()
                                + "; SIP/200 is " + site1.devices().aggregate("SIP/200"));
            } finally {
                boss.disconnect();
            }
            assertThat(site1.devices().state("SIP/200", cluster.eidOf("site2"))).contains(DeviceState.NOT_INUSE);
            assertThat(site1.devices().aggregate("SIP/200")).isEqualTo(DeviceState.NOT_INUSE);
            // site2's own changes still count: the owner is heard.
            site2.changeDeviceState("SIP/200", DeviceState.RINGING);
            Cluster.awaitAggregates(READY, List.of(site1), Map.of("SIP/200", DeviceState.RINGING));
        }
    }
}
