package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.FormNode;
import org.jivesoftware.smackx.pubsub.FormNodeType;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.NodeExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubElementType;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.PublishItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.SubscribeExtension;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.ConfigureForm;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;

/**
 * Proves, with plain Smack and no statefed code, that each packaged server does the PubSub statefed relies on:
 * whitelist nodes created with Asterisk-style configuration, affiliations, events, persisted items across a
 * restart, recovery after a crash. Each test starts its own server.
 */
class ServerSmokeIT {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSmokeIT.class);

    private static final String STATE_XML =
            "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>INUSE</state>";
    private static final String PUBSUB_ERRORS = "http://jabber.org/protocol/pubsub#errors";
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(10);
    private static final String PASSWORD = "smoke-secret";
    private static final String OWNER = "alice";
    private static final String PUBLISHER = "bob";
    private static final String MEMBER = "carol";
    private static final String OUTSIDER = "dave";
    private static final ServerOptions OPTIONS = ServerOptions.defaults().withPubsubAdmins(OWNER);

    /** The node configuration statefed sends, as Asterisk's res_xmpp does. */
    private static final Map<String, String> STATEFED_NODE_CONFIG = Map.of(
            "pubsub#access_model", "whitelist",
            "pubsub#persist_items", "1",
            "pubsub#max_items", "10000",
            "pubsub#publish_model", "publishers",
            "pubsub#send_last_published_item", "never");

    /**
     * XEP-0060 §6.1.3.4 says not-allowed with pubsub#errors closed-node; ejabberd does that, Prosody answers
     * a plain forbidden. statefed must treat both as "not on the whitelist".
     */
    private static final Map<String, StanzaError.Condition> EXPECTED_REFUSAL = Map.of(
            "prosody", StanzaError.Condition.forbidden,
            "ejabberd", StanzaError.Condition.not_allowed);

    static List<String> kinds() {
        return XmppServers.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void affiliatedAccountsReceiveEachOthersAsteriskStateItems(String kind) throws Exception {
        try (XmppServer server = serverWithAccounts(kind, OWNER, PUBLISHER, MEMBER);
             Client owner = Client.login(server, OWNER);
             Client publisher = Client.login(server, PUBLISHER);
             Client member = Client.login(server, MEMBER)) {
            String node = uniqueNode();
            LeafNode ownersNode = owner.createNode(node, STATEFED_NODE_CONFIG);
            affiliate(ownersNode, publisher, member);
            LeafNode publishersNode = publisher.subscribe(node);
            member.subscribe(node);

            ownersNode.publish(stateItem("alice-dev"));
            assertThat(publisher.awaitItem("alice-dev").getPayload().toXML().toString())
                    .contains("INUSE", "00:11:22:33:44:01");
            assertThat(member.awaitItem("alice-dev").getPayload().getNamespace()).isEqualTo("http://asterisk.org");

            publishersNode.publish(stateItem("bob-dev"));
            assertThat(member.awaitItem("bob-dev").getPayload().getElementName()).isEqualTo("state");

            LeafNode membersNode = member.node(node);
            XMPPErrorException refusal = catchThrowableOfType(XMPPErrorException.class,
                    () -> membersNode.publish(stateItem("carol-dev")));
            LOG.info("{}: a member publishing to a publish_model=publishers node fails with {}", kind,
                    describe(refusal));
            assertThat(refusal).as("member's publish refused").isNotNull();
            assertThat(refusal.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void outsiderIsRefusedOnWhitelistNodeButMaySubscribeToOpenNode(String kind) throws Exception {
        try (XmppServer server = serverWithAccounts(kind, OWNER, OUTSIDER);
             Client owner = Client.login(server, OWNER);
             Client outsider = Client.login(server, OUTSIDER)) {
            String closedNode = uniqueNode();
            owner.createNode(closedNode, STATEFED_NODE_CONFIG);

            XMPPErrorException refusal = catchThrowableOfType(XMPPErrorException.class,
                    () -> outsider.rawSubscribe(closedNode));

            LOG.info("{}: subscribing a non-affiliated account to a whitelist node fails with {}", kind,
                    describe(refusal));
            assertThat(refusal).as("subscription refusal").isNotNull();
            assertThat(refusal.getStanzaError().getCondition()).isEqualTo(EXPECTED_REFUSAL.get(kind));

            String openNode = uniqueNode();
            Map<String, String> openConfig = new HashMap<>(STATEFED_NODE_CONFIG);
            openConfig.put("pubsub#access_model", "open");
            LeafNode ownersOpenNode = owner.createNode(openNode, openConfig);
            outsider.subscribe(openNode);
            ownersOpenNode.publish(stateItem("alice-open"));
            assertThat(outsider.awaitItem("alice-open")).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void nodeKeepsTheConfigurationStatefedSends(String kind) throws Exception {
        try (XmppServer server = serverWithAccounts(kind, OWNER);
             Client owner = Client.login(server, OWNER)) {
            LeafNode node = owner.createNode(uniqueNode(), STATEFED_NODE_CONFIG);

            ConfigureForm applied = node.getNodeConfiguration();

            for (Map.Entry<String, String> option : STATEFED_NODE_CONFIG.entrySet()) {
                FormField field = applied.getDataForm().getField(option.getKey());
                String value = field == null ? null : field.getFirstValue();
                LOG.info("{}: node option {} sent {} reads back {}", kind, option.getKey(), option.getValue(),
                        field == null ? "(no such field)" : value);
                assertThat(normalized(value)).as(option.getKey()).isEqualTo(normalized(option.getValue()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void persistedItemsAndAccountsSurviveGracefulRestart(String kind) throws Exception {
        try (XmppServer server = serverWithAccounts(kind, OWNER, PUBLISHER)) {
            String node = uniqueNode();
            try (Client owner = Client.login(server, OWNER);
                 Client publisher = Client.login(server, PUBLISHER)) {
                LeafNode ownersNode = owner.createNode(node, STATEFED_NODE_CONFIG);
                affiliate(ownersNode, publisher, null);
                ownersNode.publish(stateItem("alice-dev"));
                publisher.node(node).publish(stateItem("bob-dev"));
            }

            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();

            try (Client owner = Client.login(server, OWNER)) {
                List<PayloadItem<ExtensionElement>> items = owner.node(node).getItems();
                assertThat(items).extracting(Item::getId).containsExactlyInAnyOrder("alice-dev", "bob-dev");
                assertThat(items.get(0).getPayload().toXML().toString()).contains("INUSE");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void clientsReconnectAfterKillAndRestart(String kind) throws Exception {
        try (XmppServer server = serverWithAccounts(kind, OWNER, MEMBER)) {
            String nodeBeforeKill = uniqueNode();
            try (Client owner = Client.login(server, OWNER)) {
                owner.createNode(nodeBeforeKill, STATEFED_NODE_CONFIG).publish(stateItem("before-kill"));
                server.kill();
                assertThat(server.isRunning()).isFalse();
            }

            server.start();

            try (Client owner = Client.login(server, OWNER);
                 Client member = Client.login(server, MEMBER)) {
                LOG.info("{}: node created and published to just before kill -9, after the restart: {}", kind,
                        owner.whatRemainsOf(nodeBeforeKill));
                String node = uniqueNode();
                LeafNode ownersNode = owner.createNode(node, STATEFED_NODE_CONFIG);
                affiliate(ownersNode, null, member);
                member.subscribe(node);
                ownersNode.publish(stateItem("after-kill"));
                assertThat(member.awaitItem("after-kill")).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void serverWithoutItemPersistenceStillDeliversEvents(String kind) throws Exception {
        try (XmppServer server = XmppServers.start(kind, OPTIONS.withPersistItems(false))) {
            server.createAccount(OWNER, PASSWORD);
            server.createAccount(MEMBER, PASSWORD);
            String node = uniqueNode();
            try (Client owner = Client.login(server, OWNER);
                 Client member = Client.login(server, MEMBER)) {
                LeafNode ownersNode = owner.createNode(node, Map.of("pubsub#access_model", "whitelist"));
                ConfigureForm defaults = ownersNode.getNodeConfiguration();
                LOG.info("{} without persistence: node defaults persist_items={} max_items={}", kind,
                        defaults.getDataForm().getField("pubsub#persist_items").getFirstValue(),
                        defaults.getDataForm().getField("pubsub#max_items").getFirstValue());
                affiliate(ownersNode, null, member);
                member.subscribe(node);
                ownersNode.publish(stateItem("alice-dev"));
                assertThat(member.awaitItem("alice-dev")).isNotNull();
            }

            server.stop();
            server.start();

            try (Client owner = Client.login(server, OWNER)) {
                LOG.info("{} without persistence, after a restart: {}", kind, owner.whatRemainsOf(node));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void publishOptionsContradictingPersistenceAreRejectedAsPreconditionOrIgnored(String kind) throws Exception {
        try (XmppServer server = serverWithAccounts(kind, OWNER);
             Client owner = Client.login(server, OWNER)) {
            String node = uniqueNode();
            owner.createNode(node, STATEFED_NODE_CONFIG);

            XMPPErrorException error = catchThrowableOfType(XMPPErrorException.class,
                    () -> owner.publishWithOptions(node, stateItem("alice-dev"), Map.of("pubsub#persist_items", "0")));

            LOG.info("{}: publish with publish-options persist_items=0 on a persisting node: {}", kind,
                    error == null ? "accepted" : describe(error));
            if (error != null) {
                assertThat(error.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.conflict);
                ExtensionElement precondition = error.getStanzaError().getExtension("precondition-not-met", PUBSUB_ERRORS);
                assertThat(precondition).as("pubsub#errors precondition-not-met").isNotNull();
            }
        }
    }

    private static XmppServer serverWithAccounts(String kind, String... localparts) {
        XmppServer server = XmppServers.start(kind, OPTIONS);
        try {
            for (String localpart : localparts) {
                server.createAccount(localpart, PASSWORD);
            }
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The owner makes one account a publisher and another a member (either may be null). */
    private static void affiliate(LeafNode ownersNode, Client publisher, Client member) throws Exception {
        List<Affiliation> affiliations = new ArrayList<>();
        if (publisher != null) {
            affiliations.add(new Affiliation(publisher.bareJid(), Affiliation.Type.publisher));
        }
        if (member != null) {
            affiliations.add(new Affiliation(member.bareJid(), Affiliation.Type.member));
        }
        ownersNode.modifyAffiliationAsOwner(affiliations);
    }

    private static PayloadItem<SimplePayload> stateItem(String id) {
        return new PayloadItem<>(id, new SimplePayload(STATE_XML));
    }

    private static String uniqueNode() {
        return "smoke-" + UUID.randomUUID();
    }

    private static String normalized(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> "1";
            case "false" -> "0";
            default -> value;
        };
    }

    private static String describe(XMPPErrorException error) {
        if (error == null) {
            return "no error";
        }
        StanzaError stanzaError = error.getStanzaError();
        return stanzaError.getType() + "/" + stanzaError.getCondition() + " " + stanzaError.toXML();
    }

    /**
     * One logged-in account with the PubSub events it has received. Payloads are read as plain
     * extension elements: whether they arrive as Smack's SimplePayload or statefed's parsed element
     * depends on whether another test in this JVM registered statefed's providers (a global registry).
     */
    private static final class Client implements AutoCloseable {

        private final XMPPTCPConnection connection;
        private final PubSubManager pubsub;
        private final BlockingQueue<PayloadItem<ExtensionElement>> received = new LinkedBlockingQueue<>();

        private Client(XMPPTCPConnection connection, PubSubManager pubsub) {
            this.connection = connection;
            this.pubsub = pubsub;
        }

        static Client login(XmppServer server, String localpart)
                throws IOException, SmackException, XMPPException, InterruptedException {
            XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(server.domain())
                    .setHostAddress(InetAddress.getByName(server.host()))
                    .setPort(server.clientPort())
                    .setUsernameAndPassword(localpart, PASSWORD)
                    .setResource("smoke")
                    .setSecurityMode(SecurityMode.disabled)
                    .setConnectTimeout(5_000)
                    .build();
            XMPPTCPConnection connection = new XMPPTCPConnection(config);
            connection.setReplyTimeout(10_000);
            connection.connect().login();
            return new Client(connection,
                    PubSubManager.getInstanceFor(connection, JidCreate.bareFrom(server.pubsubService())));
        }

        BareJid bareJid() {
            return connection.getUser().asBareJid();
        }

        LeafNode createNode(String node, Map<String, String> config) throws Exception {
            PubSub create = PubSub.createPubsubPacket(pubsub.getServiceJid(), IQ.Type.set,
                    new NodeExtension(PubSubElementType.CREATE, node));
            create.addExtension(new FormNode(FormNodeType.CONFIGURE, submitForm(
                    "http://jabber.org/protocol/pubsub#node_config", config)));
            connection.createStanzaCollectorAndSend(create).nextResultOrThrow();
            return node(node);
        }

        LeafNode node(String node) throws Exception {
            return pubsub.getLeafNode(node);
        }

        /** Whether the node exists, and its item ids; for the log, as servers differ after a crash. */
        String whatRemainsOf(String node) throws Exception {
            try {
                List<PayloadItem<ExtensionElement>> items = node(node).getItems();
                return "node kept, items " + items.stream().map(Item::getId).toList();
            } catch (XMPPErrorException e) {
                return "node lost: " + describe(e);
            }
        }

        /** Subscribes this account's bare JID and collects the node's item events from now on. */
        LeafNode subscribe(String node) throws Exception {
            LeafNode leaf = node(node);
            ItemEventListener<PayloadItem<ExtensionElement>> listener = event -> received.addAll(event.getItems());
            leaf.addItemEventListener(listener);
            Subscription subscription = leaf.subscribe(bareJid());
            assertThat(subscription.getState()).isEqualTo(Subscription.State.subscribed);
            return leaf;
        }

        /** Subscribes without discovering the node first, as an outsider cannot. */
        void rawSubscribe(String node) throws Exception {
            PubSub subscribe = PubSub.createPubsubPacket(pubsub.getServiceJid(), IQ.Type.set,
                    new SubscribeExtension(bareJid(), node));
            connection.createStanzaCollectorAndSend(subscribe).nextResultOrThrow();
        }

        void publishWithOptions(String node, PayloadItem<SimplePayload> item, Map<String, String> options)
                throws Exception {
            PubSub publish = PubSub.createPubsubPacket(pubsub.getServiceJid(), IQ.Type.set,
                    new PublishItem<>(node, item));
            publish.addExtension(new PublishOptions(submitForm(
                    "http://jabber.org/protocol/pubsub#publish-options", options)));
            connection.createStanzaCollectorAndSend(publish).nextResultOrThrow();
        }

        /** The first received item with this id, waiting up to the event deadline. */
        PayloadItem<ExtensionElement> awaitItem(String id) throws InterruptedException {
            long deadline = System.nanoTime() + EVENT_DEADLINE.toNanos();
            List<String> others = new ArrayList<>();
            while (true) {
                long left = deadline - System.nanoTime();
                PayloadItem<ExtensionElement> item = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
                if (item == null) {
                    throw new AssertionError(bareJid() + " got no item '" + id + "' within "
                            + EVENT_DEADLINE.toSeconds() + " s; other items: " + others);
                }
                if (id.equals(item.getId())) {
                    return item;
                }
                others.add(item.getId());
            }
        }

        @Override
        public void close() {
            connection.disconnect();
        }

        private static DataForm submitForm(String formType, Map<String, String> values) {
            DataForm.Builder form = DataForm.builder(DataForm.Type.submit)
                    .addField(FormField.buildHiddenFormType(formType));
            values.forEach((var, value) -> form.addField(FormField.builder(var).setValue(value).build()));
            return form.build();
        }
    }

    /** XEP-0060 §7.1.5 {@code <publish-options/>}, which Smack 4.4 has no class for. */
    private record PublishOptions(DataForm form) implements ExtensionElement {

        @Override
        public String getElementName() {
            return "publish-options";
        }

        @Override
        public String getNamespace() {
            return PubSub.NAMESPACE;
        }

        @Override
        public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
            XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
            xml.rightAngleBracket();
            xml.append(form);
            xml.closeElement(this);
            return xml;
        }
    }
}
