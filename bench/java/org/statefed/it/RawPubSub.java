package org.statefed.it;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
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
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.it.fixture.XmppServer;

/**
 * The raw-Smack baseline: plain Smack connections on the same server as the statefed sites, a node
 * with the same configuration statefed asks for (per-site layout), the publisher its owner and the
 * subscribers members, as statefed's buddies are. Publishes are sent as statefed's are (an async IQ
 * straight to the service); events are taken on Smack's reader thread with nothing in between.
 */
final class RawPubSub implements AutoCloseable {
    static final String PASSWORD = "raw-pw";
    static final String OWNER = "rawowner";
    static final String NODE = "device_state/raw-baseline";

    /** What statefed's NodeOptions.forStatefed(10000, persist=true) sends; kept in step by hand. */
    private static final Map<String, String> NODE_CONFIG = nodeConfig();

    private final XmppServer server;
    private final DomainBareJid service;
    private final XMPPTCPConnection owner;
    private final List<XMPPTCPConnection> subscribers = new ArrayList<>();
    private final List<Received> received = new ArrayList<>();
    private final AtomicLong failedPublishes = new AtomicLong();
    private final java.util.Set<String> itemIds = ConcurrentHashMap.newKeySet();

    /** What one subscriber got: the latest payload per item id, a count, and arrival times. */
    static final class Received {
        final Map<String, ExtensionElement> latest = new ConcurrentHashMap<>();
        final AtomicLong events = new AtomicLong();
        final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

        void reset() {
            latest.clear();
            events.set(0);
            arrivals.clear();
        }
    }

    /** Subscriber localparts for {@code count} subscribers; create these accounts before {@link #open}. */
    static List<String> subscriberNames(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("rawsub" + i);
        }
        return names;
    }

    private RawPubSub(XmppServer server) throws Exception {
        this.server = server;
        this.service = JidCreate.domainBareFrom(server.pubsubService());
        this.owner = login(server, OWNER, "bench");
    }

    /** Logs in the owner and {@code subscriberCount} subscribers, creates the node and subscribes them. */
    static RawPubSub open(XmppServer server, int subscriberCount) throws Exception {
        RawPubSub raw = new RawPubSub(server);
        try {
            raw.createNode();
            Map<org.jxmpp.jid.BareJid, Affiliation.Type> members = new LinkedHashMap<>();
            for (String name : subscriberNames(subscriberCount)) {
                XMPPTCPConnection c = login(server, name, "bench");
                Received r = new Received();
                c.addSyncStanzaListener(stanza -> record((Message) stanza, r),
                        new StanzaExtensionFilter(EventElement.ELEMENT, EventElement.NAMESPACE));
                raw.subscribers.add(c);
                raw.received.add(r);
                members.put(c.getUser().asBareJid(), Affiliation.Type.member);
            }
            raw.affiliate(members);
            for (XMPPTCPConnection c : raw.subscribers) {
                c.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(raw.service, IQ.Type.set,
                        new SubscribeExtension(c.getUser().asEntityBareJid(), NODE)));
            }
            return raw;
        } catch (Exception e) {
            raw.close();
            throw e;
        }
    }

    /** Sends initial presence, as statefed does: servers deliver bare-JID events only to available resources. */
    static XMPPTCPConnection login(XmppServer server, String localpart, String resource) throws Exception {
        return login(server, localpart, PASSWORD, resource, 30_000);
    }

    /** A plain Smack connection, logged in: the one the raw baselines (this one and {@link RawMesh}) use. */
    static XMPPTCPConnection login(XmppServer server, String localpart, String password, String resource,
            long replyTimeoutMillis) throws Exception {
        XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain())
                .setHostAddress(InetAddress.getByName(server.host()))
                .setPort(server.clientPort())
                .setUsernameAndPassword(localpart, password)
                .setResource(resource)
                .setSecurityMode(SecurityMode.disabled)
                .build();
        XMPPTCPConnection connection = new XMPPTCPConnection(config);
        connection.setReplyTimeout(replyTimeoutMillis);
        connection.connect().login();
        return connection;
    }

    private static void record(Message message, Received r) {
        long now = System.nanoTime();
        EventElement event = message.getExtension(EventElement.class);
        if (event != null && event.getEvent() instanceof ItemsExtension items) {
            for (Object o : items.getItems()) {
                if (o instanceof PayloadItem<?> item) {
                    r.latest.put(item.getId(), item.getPayload());
                    r.events.incrementAndGet();
                    r.arrivals.add(now);
                }
            }
        }
    }

    Received received(int subscriber) {
        return received.get(subscriber);
    }

    List<Received> allReceived() {
        return List.copyOf(received);
    }

    /** Fire-and-forget publish: returns at once; the future completes with the service's answer. */
    SmackFuture<IQ, Exception> publish(String itemId, ExtensionElement payload) {
        SmackFuture<IQ, Exception> answer = owner.sendIqRequestAsync(PubSub.createPubsubPacket(service, IQ.Type.set,
                new PublishItem<>(NODE, new PayloadItem<>(itemId, payload))));
        answer.onError(e -> failedPublishes.incrementAndGet());
        itemIds.add(itemId);
        return answer;
    }

    /** How many distinct items were published to the node. */
    int itemCount() {
        return itemIds.size();
    }

    /** Publishes the service refused or did not answer in time. */
    long failedPublishes() {
        return failedPublishes.get();
    }

    /** A fresh connection of subscriber 1 (another resource) fetching every item of the node; item count. */
    static int loginAndFetchAll(XmppServer server, int times) throws Exception {
        XMPPTCPConnection c = login(server, subscriberNames(1).get(0), "fetch-" + System.nanoTime());
        try {
            DomainBareJid service = JidCreate.domainBareFrom(server.pubsubService());
            int count = 0;
            for (int i = 0; i < times; i++) {
                PubSub reply = c.sendIqRequestAndWaitForResponse(
                        PubSub.createPubsubPacket(service, IQ.Type.get, new GetItemsRequest(NODE)));
                ItemsExtension items = reply.getExtension(PubSubElementType.ITEMS);
                count += items == null ? 0 : (int) items.getItems().stream().filter(Item.class::isInstance).count();
            }
            return count;
        } finally {
            c.disconnect();
        }
    }

    private void createNode() throws Exception {
        PubSub create = PubSub.createPubsubPacket(service, IQ.Type.set, new NodeExtension(PubSubElementType.CREATE, NODE));
        DataForm.Builder form = DataForm.builder(DataForm.Type.submit)
                .setFormType("http://jabber.org/protocol/pubsub#node_config");
        NODE_CONFIG.forEach((k, v) -> form.addField(FormField.textSingleBuilder(k).setValue(v).build()));
        create.addExtension(new FormNode(FormNodeType.CONFIGURE, form.build()));
        owner.sendIqRequestAndWaitForResponse(create);
    }

    private void affiliate(Map<org.jxmpp.jid.BareJid, Affiliation.Type> members) throws Exception {
        List<Affiliation> list = new ArrayList<>();
        members.forEach((jid, type) -> list.add(new Affiliation(jid, type, Affiliation.AffiliationNamespace.owner)));
        owner.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.set,
                new AffiliationsExtension(Affiliation.AffiliationNamespace.owner, list, NODE)));
    }

    private static Map<String, String> nodeConfig() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("pubsub#access_model", "whitelist");
        f.put("pubsub#publish_model", "publishers");
        f.put("pubsub#persist_items", "1");
        f.put("pubsub#max_items", "10000");
        f.put("pubsub#send_last_published_item", "never");
        f.put("pubsub#deliver_payloads", "1");
        f.put("pubsub#itemreply", "publisher");
        return java.util.Collections.unmodifiableMap(f);
    }

    String kind() {
        return server.kind();
    }

    @Override
    public void close() {
        owner.disconnect();
        subscribers.forEach(XMPPTCPConnection::disconnect);
    }
}
