package org.statefed.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.AffiliationsExtension;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.FormNode;
import org.jivesoftware.smackx.pubsub.FormNodeType;
import org.jivesoftware.smackx.pubsub.GetItemsRequest;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.NodeExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubElementType;
import org.jivesoftware.smackx.pubsub.PublishItem;
import org.jivesoftware.smackx.pubsub.SubscribeExtension;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.it.fixture.XmppServer;
import org.statefed.state.DeviceState;

/**
 * The raw-Smack baseline at N sites: N plain Smack connections (the sites' own accounts, resource
 * {@code raw}, while the statefed sites are stopped), each owning one node configured as statefed's
 * per-site nodes are, the others its members and subscribers: the same N × (N − 1) subscriptions and
 * fan-out as N statefed sites. Events are counted on Smack's reader thread with nothing in between.
 */
final class RawMesh implements AutoCloseable {
    private static final long REPLY_TIMEOUT_MS = 300_000;

    private final DomainBareJid service;
    private final List<XMPPTCPConnection> sites = new ArrayList<>();
    /** Per connection: item ids received from the other sites' nodes (each published once, with its final value). */
    private final List<java.util.Set<String>> received = new ArrayList<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong failedPublishes = new AtomicLong();

    private RawMesh(XmppServer server) throws Exception {
        this.service = JidCreate.domainBareFrom(server.pubsubService());
    }

    static String node(int site) {
        return "device_state/raw-site" + site;
    }

    /** Logs in the N site accounts, creates their nodes, makes each the others' member and subscribes them. */
    static RawMesh open(XmppServer server, List<String> accounts, String password) throws Exception {
        return open(server, accounts, password, true);
    }

    /** @param subscribe false: nodes and members only, no subscriptions (no fan-out: the restart-only phase) */
    static RawMesh open(XmppServer server, List<String> accounts, String password, boolean subscribe)
            throws Exception {
        RawMesh mesh = new RawMesh(server);
        try {
            for (String account : accounts) {
                XMPPTCPConnection c = login(server, account, password, "raw");
                java.util.Set<String> got = java.util.concurrent.ConcurrentHashMap.newKeySet();
                c.addSyncStanzaListener(stanza -> mesh.record((Message) stanza, got),
                        new StanzaExtensionFilter(EventElement.ELEMENT, EventElement.NAMESPACE));
                mesh.sites.add(c);
                mesh.received.add(got);
            }
            for (int i = 0; i < mesh.sites.size(); i++) {
                mesh.createNode(i);
            }
            for (int i = 0; i < mesh.sites.size(); i++) {
                for (int j = 0; j < mesh.sites.size(); j++) {
                    if (i != j && subscribe) {
                        XMPPTCPConnection c = mesh.sites.get(j);
                        c.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(mesh.service, IQ.Type.set,
                                new SubscribeExtension(c.getUser().asEntityBareJid(), node(i))));
                    }
                }
            }
            return mesh;
        } catch (Exception e) {
            mesh.close();
            throw e;
        }
    }

    static XMPPTCPConnection login(XmppServer server, String localpart, String password, String resource)
            throws Exception {
        return RawPubSub.login(server, localpart, password, resource, REPLY_TIMEOUT_MS);
    }

    private void record(Message message, java.util.Set<String> got) {
        EventElement event = message.getExtension(EventElement.class);
        if (event != null && event.getEvent() instanceof ItemsExtension items) {
            for (Object o : items.getItems()) {
                if (o instanceof PayloadItem<?> item) {
                    got.add(item.getId());
                    events.incrementAndGet();
                }
            }
        }
    }

    /** Site {@code site} publishes {@code device} with {@code state}, fire and forget (as statefed's publisher does). */
    SmackFuture<IQ, Exception> publish(int site, String device, DeviceState state) {
        SmackFuture<IQ, Exception> answer = sites.get(site).sendIqRequestAsync(PubSub.createPubsubPacket(service,
                IQ.Type.set, new PublishItem<>(node(site), new PayloadItem<>(device, Sites.rawPayload(state)))));
        answer.onError(e -> failedPublishes.incrementAndGet());
        return answer;
    }

    /** The fewest items any site has received from the others. */
    int leastReceived() {
        return received.stream().mapToInt(java.util.Set::size).min().orElse(0);
    }

    long events() {
        return events.get();
    }

    long failedPublishes() {
        return failedPublishes.get();
    }

    /**
     * A fresh connection of {@code account} (another resource) asking for every item of the other sites'
     * nodes, all requests in flight at once; the number of items returned.
     */
    static int loginAndFetch(XmppServer server, String account, String password, List<Integer> nodesOf)
            throws Exception {
        XMPPTCPConnection c = login(server, account, password, "fetch-" + System.nanoTime());
        try {
            DomainBareJid service = JidCreate.domainBareFrom(server.pubsubService());
            List<SmackFuture<IQ, Exception>> answers = new ArrayList<>();
            for (int site : nodesOf) {
                answers.add(c.sendIqRequestAsync(PubSub.createPubsubPacket(service, IQ.Type.get,
                        new GetItemsRequest(node(site)))));
            }
            int count = 0;
            for (SmackFuture<IQ, Exception> answer : answers) {
                ItemsExtension items = ((PubSub) answer.getOrThrow()).getExtension(PubSubElementType.ITEMS);
                count += items == null ? 0 : (int) items.getItems().stream().filter(Item.class::isInstance).count();
            }
            return count;
        } finally {
            c.disconnect();
        }
    }

    private void createNode(int site) throws Exception {
        XMPPTCPConnection owner = sites.get(site);
        PubSub create = PubSub.createPubsubPacket(service, IQ.Type.set, new NodeExtension(PubSubElementType.CREATE,
                node(site)));
        DataForm.Builder form = DataForm.builder(DataForm.Type.submit)
                .setFormType("http://jabber.org/protocol/pubsub#node_config");
        nodeConfig().forEach((k, v) -> form.addField(FormField.textSingleBuilder(k).setValue(v).build()));
        create.addExtension(new FormNode(FormNodeType.CONFIGURE, form.build()));
        owner.sendIqRequestAndWaitForResponse(create);
        List<Affiliation> members = new ArrayList<>();
        for (int j = 0; j < sites.size(); j++) {
            if (j != site) {
                BareJid jid = sites.get(j).getUser().asBareJid();
                members.add(new Affiliation(jid, Affiliation.Type.member, Affiliation.AffiliationNamespace.owner));
            }
        }
        owner.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.set,
                new AffiliationsExtension(Affiliation.AffiliationNamespace.owner, members, node(site))));
    }

    /** What statefed's NodeOptions.forStatefed(max_items, persist=true) sends; as {@link RawPubSub}'s node. */
    private static Map<String, String> nodeConfig() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("pubsub#access_model", "whitelist");
        f.put("pubsub#publish_model", "publishers");
        f.put("pubsub#persist_items", "1");
        f.put("pubsub#max_items", "10000");
        f.put("pubsub#send_last_published_item", "never");
        f.put("pubsub#deliver_payloads", "1");
        f.put("pubsub#itemreply", "publisher");
        return f;
    }

    @Override
    public void close() {
        sites.forEach(XMPPTCPConnection::disconnect);
    }
}
