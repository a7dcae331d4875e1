package org.statefed.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.pubsub.FormNode;
import org.jivesoftware.smackx.pubsub.FormNodeType;
import org.jivesoftware.smackx.pubsub.GetItemsRequest;
import org.jivesoftware.smackx.pubsub.NodeExtension;
import org.jivesoftware.smackx.pubsub.PubSubElementType;
import org.jivesoftware.smackx.pubsub.SubscribeExtension;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.SubscriptionsExtension;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jivesoftware.smackx.pubsub.packet.PubSubNamespace;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;

/**
 * Issue 10, item 6, on a real prosody: site2's node already exists when site2 first starts, created by a
 * PubSub admin open to anyone with room for 20 items, and a stranger has subscribed.
 */
class OwnNodeIT {
    private static final Duration READY = Duration.ofSeconds(20);

    private static Map<String, String> configuration(XMPPTCPConnection owner, DomainBareJid service, String node)
            throws Exception {
        PubSub reply = owner.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.get,
                new NodeExtension(PubSubElementType.CONFIGURE_OWNER, node)));
        FormNode form = reply.getExtension(PubSubElementType.CONFIGURE_OWNER);
        Map<String, String> out = new java.util.HashMap<>();
        for (FormField field : form.getForm().getFields()) {
            if (field.getFieldName() != null && field.getFirstValue() != null) {
                out.put(field.getFieldName(), field.getFirstValue());
            }
        }
        return out;
    }

    private static List<String> subscribedNodes(XMPPTCPConnection c, DomainBareJid service) throws Exception {
        PubSub request = new PubSub(service, IQ.Type.get, PubSubNamespace.basic);
        request.addExtension(new NodeExtension(PubSubElementType.SUBSCRIPTIONS));
        PubSub reply = c.sendIqRequestAndWaitForResponse(request);
        SubscriptionsExtension subs = reply.getExtension(PubSubElementType.SUBSCRIPTIONS);
        return subs == null ? List.of() : subs.getSubscriptions().stream()
                .filter(s -> s.getState() == Subscription.State.subscribed).map(Subscription::getNode).toList();
    }

    @Test
    void anOwnNodeSomeoneElseCreatedOpenIsConfiguredAgainAndTheStrangerLosesItsSubscription() throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2", "admin"), false, 10_000));
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            server.createAccount("admin", "admin-pw");
            server.createAccount("stranger", "stranger-pw");
            DomainBareJid service = JidCreate.domainBareFrom(server.pubsubService());
            String node = "device_state/site2@" + server.domain();
            XMPPTCPConnection admin = RawClient.login(server, "admin", "admin-pw", "meddler");
            XMPPTCPConnection stranger = RawClient.login(server, "stranger", "stranger-pw", "reader");
            try {
                DataForm open = DataForm.builder(DataForm.Type.submit)
                        .setFormType("http://jabber.org/protocol/pubsub#node_config")
                        .addField(FormField.textSingleBuilder("pubsub#access_model").setValue("open").build())
                        .addField(FormField.textSingleBuilder("pubsub#max_items").setValue("20").build()).build();
                PubSub create = PubSub.createPubsubPacket(service, IQ.Type.set,
                        new NodeExtension(PubSubElementType.CREATE, node));
                create.addExtension(new FormNode(FormNodeType.CONFIGURE, open));
                admin.sendIqRequestAndWaitForResponse(create);
                stranger.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.set,
                        new SubscribeExtension(stranger.getUser().asEntityBareJid(), node)));
                assertThat(subscribedNodes(stranger, service)).contains(node);

                cluster.startAll();
                cluster.awaitReady(READY);

                Map<String, String> config = configuration(admin, service, node);
                assertThat(config).containsEntry("pubsub#access_model", "whitelist")
                        .containsEntry("pubsub#max_items", "10000");
                assertThat(subscribedNodes(stranger, service)).doesNotContain(node);
                assertThatThrownBy(() -> stranger.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service,
                        IQ.Type.get, new GetItemsRequest(node)))).isInstanceOf(XMPPErrorException.class);
                // The buddy still gets site2's states.
                cluster.node("site2").changeDeviceState("SIP/200", DeviceState.INUSE);
                Await.until(READY, () -> cluster.node("site1").devices().aggregate("SIP/200") == DeviceState.INUSE,
                        cluster::describeLinks);
            } finally {
                admin.disconnect();
                stranger.disconnect();
            }
        }
    }
}
