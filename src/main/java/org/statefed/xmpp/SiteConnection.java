package org.statefed.xmpp;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLHandshakeException;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.EventElementType;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.RetractItem;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.ClientConfig;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PresenceStatus;
import org.statefed.config.PubsubLayout;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.state.StateDigest;
import org.statefed.wire.DeviceStateElement;
import org.statefed.wire.MailboxElement;
import org.statefed.wire.RefreshRequestElement;
import org.statefed.wire.RejectReason;
import org.statefed.wire.StatefedPresenceElement;

/**
 * One client section's life on its XMPP server: connect (retried with capped backoff), log in, keep
 * buddies and presence, make sure the PubSub nodes exist, subscribe, resync, publish local changes and
 * merge remote items. Reconnection is Smack's {@link ReconnectionManager}; every non-resumed login runs
 * the whole session set-up again (re-subscribe, republish, resync).
 *
 * <p>Threads: Smack's threads only enqueue. Session set-up and other blocking requests run on this
 * site's session thread; a publish goes out on the thread that made the change when it can, otherwise
 * on the publisher's serial thread as answers come back; merging runs on the node's merge executor.
 */
public final class SiteConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SiteConnection.class);
    private static final int PUBLISH_WINDOW = 64;
    private static final int PING_INTERVAL_SECONDS = 30;
    private static final int RECONNECT_DELAY_SECONDS = 1;

    private final ClientConfig client;
    private final GeneralConfig general;
    private final EntityId ownEid;
    private final Counters counters;
    private final DeviceStateTable devices;
    private final MwiTable mailboxes;
    private final LocalStates local;
    private final Executor mergeExecutor;
    private final Clock clock;
    private final NodeLayout layout;
    private final Map<String, WatchedNode> watchedByName = new ConcurrentHashMap<>();
    private final Set<String> missingNodes = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService session;
    private final ScheduledThreadPoolExecutor publishThread;
    private final XMPPTCPConnection connection;
    private final PubSubClient pubsub;
    private final BuddyRoster roster;
    private final ItemMerger merger;
    private final EntityBindings bindings = new EntityBindings();
    private final StaleSites staleSites;
    private final CoalescingPublisher publisher;
    private final RateLimitedLog rateLimited;
    private final SiteSockets sockets = new SiteSockets();
    private final AtomicBoolean republishQueued = new AtomicBoolean();
    private final Map<EntityId, RefreshRequestElement> pendingRefreshes = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    /** Only the first stop runs (the signal handler's and the shutdown hook's may overlap). */
    private final AtomicBoolean stopCalled = new AtomicBoolean();
    private final AtomicInteger completedSetups = new AtomicInteger();
    private volatile boolean stopping;
    private volatile LinkState linkState = LinkState.DISCONNECTED;
    private volatile boolean collectionsChecked;
    private volatile Boolean persistSharedNodes;

    public SiteConnection(ClientConfig client, GeneralConfig general, EntityId ownEid, DeviceStateTable devices,
            MwiTable mailboxes, Counters counters, LocalStates local, Executor mergeExecutor, Clock clock) {
        this.client = client;
        this.general = general;
        this.ownEid = ownEid;
        this.counters = counters;
        this.devices = devices;
        this.mailboxes = mailboxes;
        this.local = local;
        this.mergeExecutor = mergeExecutor;
        this.clock = clock;
        this.layout = new NodeLayout(general.pubsubLayout(), client.jid(), client.buddies());
        for (WatchedNode node : layout.watchedNodes()) {
            watchedByName.put(node.node(), node);
        }
        this.session = Executors.singleThread("statefed-" + client.name() + "-session");
        this.publishThread = Executors.singleThread("statefed-" + client.name() + "-publish");
        this.connection = ConnectionFactory.create(client, "statefed-" + UUID.randomUUID().toString().substring(0, 8),
                sockets);
        DomainBareJid service;
        try {
            service = JidCreate.domainBareFrom(client.pubsubService());
        } catch (Exception e) {
            throw new IllegalArgumentException("[" + client.name() + "] pubsub_node '" + client.pubsubService()
                    + "' is not a valid service JID", e);
        }
        this.pubsub = new PubSubClient(connection, service);
        this.rateLimited = new RateLimitedLog(LOG, clock, Duration.ofSeconds(10));
        PublisherItemProvider.register();
        this.roster = new BuddyRoster(client.name(), client.buddies(), general.authPolicy(), general.autoregister(),
                general.autoprune(), counters, this::buddyAvailable, this::buddyUnavailable,
                (buddy, declared) -> mergeExecutor.execute(() -> eidDeclared(buddy, declared)));
        this.staleSites = new StaleSites(client.name(), client.buddies(), general.staleTimeout(), bindings,
                this::scheduleCancellable, mergeExecutor, devices, mailboxes, counters);
        this.merger = new ItemMerger(client.name(), client.jid(), roster::isBuddy, ownEid, devices, mailboxes,
                counters, bindings, this::answerRefresh, staleSites::eidLearned, rateLimited);
        this.publisher = new CoalescingPublisher(pubsub, publishThread, publishThread, PUBLISH_WINDOW,
                this::publishFailed, counters);
    }

    /** Section name, e.g. {@code asterisk}. */
    public String name() {
        return client.name();
    }

    /** The account JID as configured, with resource if any. */
    public String displayJid() {
        return connection.getUser() != null ? connection.getUser().toString() : client.displayJid();
    }

    public LinkState linkState() {
        return linkState;
    }

    public List<BuddyStatus> buddies() {
        return roster.snapshot();
    }

    /**
     * Each buddy's entity id (when known) and whether its states are current, kept while it is away, or
     * dropped as stale; for {@code devstate list}. A buddy whose entity id is unknown keeps its states.
     */
    public List<RemoteSite> remoteSites() {
        return staleSites.snapshot();
    }

    /** How many times the session set-up (subscribe, resync, republish) completed. */
    public int completedSetups() {
        return completedSetups.get();
    }

    /** The nodes this site publishes to (device state, then MWI), for the admin commands. */
    public List<String> ownNodes() {
        return List.of(layout.ownNode(NodeKind.DEVICE_STATE), layout.ownNode(NodeKind.MAILBOX));
    }

    /** Every node the PubSub service lists. Blocking: not for Smack's threads. */
    public List<String> listNodes() throws Exception {
        return pubsub.nodes();
    }

    /** Removes every item of {@code node} (needs ownership). Blocking. */
    public void purgeNode(String node) throws Exception {
        pubsub.purge(node);
    }

    /** Deletes {@code node} (needs ownership). Blocking. */
    public void deleteNode(String node) throws Exception {
        pubsub.delete(node);
    }

    /**
     * Creates a leaf node with the server's default configuration. Blocking.
     *
     * @return false if it already existed
     */
    public boolean createLeaf(String node) throws Exception {
        return pubsub.create(node, new NodeOptions(Map.of()), rejected -> { });
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("[" + client.name() + "] already started");
        }
        roster.attach(connection);
        connection.addConnectionListener(new Listener());
        connection.addSyncStanzaListener(stanza -> {
            Message message = (Message) stanza;
            mergeExecutor.execute(() -> onEvent(message));
        }, new StanzaExtensionFilter(EventElement.ELEMENT, EventElement.NAMESPACE));
        // Smack's default closes the connection on a stanza it cannot parse; one hostile stanza must not
        // cut a site off the cluster: log (rate-limited), count, drop.
        connection.setParsingExceptionCallback(unparseable -> {
            counters.rejected(RejectReason.MALFORMED_XML);
            rateLimited.warn("unparseable", "[{}] dropped a stanza that could not be parsed: {}", client.name(),
                    describe(unparseable.getParsingException()));
        });
        PingManager.getInstanceFor(connection).setPingInterval(PING_INTERVAL_SECONDS);
        ReconnectionManager reconnection = ReconnectionManager.getInstanceFor(connection);
        reconnection.setReconnectionPolicy(ReconnectionManager.ReconnectionPolicy.FIXED_DELAY);
        reconnection.setFixedDelay(RECONNECT_DELAY_SECONDS);
        session.execute(() -> connect(1));
    }

    /** Publishes one local device state (coalesced with newer changes to the same device). */
    public void publishDeviceState(String device, DeviceState state, boolean cachable) {
        publisher.submit(new PublishKey(layout.ownNode(NodeKind.DEVICE_STATE), device),
                new DeviceStateElement(state, ownEid, cachable));
    }

    /** Publishes one local mailbox's counts. */
    public void publishMailbox(String mailbox, MwiCounts counts) {
        publisher.submit(new PublishKey(layout.ownNode(NodeKind.MAILBOX), mailbox),
                new MailboxElement(ownEid, counts.newMessages(), counts.oldMessages()));
    }

    /**
     * Stops within {@code timeout}, whatever the server or the link does: lets queued publishes go out
     * (half the time at most), says unavailable and closes the stream, then closes the TCP connection and
     * ends this site's threads. A server that does not answer the goodbye in time gets the connection
     * closed under it: the server and the other sites then see this site go at once.
     */
    public void stop(Duration timeout) {
        if (!started.get() || !stopCalled.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        linkState = LinkState.DISCONNECTING;
        ReconnectionManager.getInstanceFor(connection).disableAutomaticReconnection();
        if (connection.isAuthenticated()) {
            CountDownLatch idle = new CountDownLatch(1);
            publisher.whenIdle(idle::countDown);
            try {
                if (!idle.await(timeout.toNanos() / 2, TimeUnit.NANOSECONDS)) {
                    LOG.warn("[{}] stopping with publishes still pending", client.name());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sayGoodbye(deadline);
        try {
            sockets.close();
        } catch (IOException e) {
            LOG.warn("[{}] closing the connection to {}:{} failed: {}", client.name(), client.serverHost(),
                    client.port(), describe(e));
        }
        session.shutdownNow();
        publishThread.shutdownNow();
        try {
            session.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        linkState = LinkState.DISCONNECTED;
    }

    /**
     * Sends unavailable presence and closes the stream, waiting no later than {@code deadline}. Smack's
     * disconnect runs on a thread of its own because it can block far longer: it waits for the server's
     * closing tag up to the reply timeout (all of it when the link has just died), and for the
     * connection's lock behind a connect in progress.
     */
    private void sayGoodbye(long deadline) {
        if (!connection.isConnected()) {
            return;
        }
        long left = Math.max(0, deadline - System.nanoTime());
        // Bounds what the goodbye thread may still wait once stop() has returned without it.
        connection.setReplyTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        Thread goodbye = new Thread(() -> {
            try {
                connection.disconnect(PresenceBuilder.buildPresence().ofType(Presence.Type.unavailable).build());
            } catch (SmackException.NotConnectedException | RuntimeException e) {
                LOG.warn("[{}] error while disconnecting: {}", client.name(), describe(e));
            }
        }, "statefed-" + client.name() + "-goodbye");
        goodbye.setDaemon(true);
        goodbye.start();
        try {
            goodbye.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (goodbye.isAlive()) {
            LOG.warn("[{}] {}:{} did not answer the goodbye within the stop timeout: closing the connection",
                    client.name(), client.serverHost(), client.port());
        }
    }

    // ---- connecting -------------------------------------------------------------------------------

    private void connect(int attempt) {
        if (stopping) {
            return;
        }
        linkState = LinkState.CONNECTING;
        try {
            connection.connect();
            linkState = LinkState.AUTHENTICATING;
            connection.login();
            ReconnectionManager.getInstanceFor(connection).enableAutomaticReconnection();
            return;
        } catch (Exception e) {
            if (stopping) {
                // stop() closed the socket under this attempt: expected, nothing for the operator to do.
                LOG.debug("[{}] connection attempt ended by stop: {}", client.name(), describe(e));
                return;
            }
            explainConnectFailure(e);
        }
        if (connection.isConnected()) {
            connection.disconnect();
        }
        linkState = LinkState.DISCONNECTED;
        Duration delay = Backoff.CONNECT.delay(attempt);
        LOG.info("[{}] next connection attempt in {} s", client.name(), delay.toSeconds());
        schedule(() -> connect(attempt + 1), delay);
    }

    /** The one line an operator needs: what went wrong and what to change. */
    private void explainConnectFailure(Exception e) {
        if (e instanceof SASLErrorException sasl) {
            LOG.error("[{}] the server refused the login of {}: wrong username or secret ({})", client.name(),
                    client.jid(), sasl.getSASLFailure().getSASLErrorString());
        } else if (e instanceof SmackException.SecurityRequiredByClientException) {
            LOG.error("[{}] usetls=yes but {}:{} offers no STARTTLS: enable TLS on the server, or set usetls=no "
                    + "if this link is trusted", client.name(), client.serverHost(), client.port());
        } else if (e instanceof SmackException.EndpointConnectionException) {
            LOG.warn("[{}] cannot reach {}:{}: {}", client.name(), client.serverHost(), client.port(), e.getMessage());
        } else {
            if (causedBy(e, SSLHandshakeException.class)) {
                LOG.error("[{}] the TLS certificate of {}:{} is not trusted ({}): if the server uses a private "
                        + "CA, set tls_ca_file to its certificate; statefed never accepts an unchecked certificate",
                        client.name(), client.serverHost(), client.port(), rootCause(e).getMessage());
            } else {
                LOG.warn("[{}] connecting to {}:{} failed: {}", client.name(), client.serverHost(), client.port(),
                        describe(e));
            }
            LOG.debug("[{}] connect failure", client.name(), e);
        }
    }

    private final class Listener implements ConnectionListener {
        @Override
        public void authenticated(XMPPConnection c, boolean resumed) {
            if (resumed) {
                linkState = LinkState.CONNECTED;
                publisher.online();
                LOG.info("[{}] stream resumed as {}", client.name(), c.getUser());
            } else {
                LOG.info("[{}] logged in as {}", client.name(), c.getUser());
                onSession(() -> setUp(1));
            }
        }

        @Override
        public void connectionClosedOnError(Exception e) {
            linkState = LinkState.DISCONNECTED;
            staleSites.connectionLost();
            publisher.offline();
            roster.forgetPresence();
            if (!stopping) {
                LOG.warn("[{}] connection to {}:{} lost ({}); reconnecting, remote states are kept meanwhile",
                        client.name(), client.serverHost(), client.port(), describe(e));
            }
        }

        @Override
        public void connectionClosed() {
            linkState = LinkState.DISCONNECTED;
            staleSites.connectionLost();
            publisher.offline();
            roster.forgetPresence();
        }
    }

    // ---- session set-up ---------------------------------------------------------------------------

    private void setUp(int attempt) {
        if (stopping || !connection.isAuthenticated()) {
            return;
        }
        try {
            linkState = LinkState.RETRIEVING_ROSTER;
            sendPresence();
            roster.reconcile(connection);
            checkCollectionsOnce();
            ensureOwnNodes();
            Set<String> subscribed = pubsub.subscribedNodes(client.jid());
            for (WatchedNode node : layout.watchedNodes()) {
                subscribeAndResync(node, subscribed);
            }
            linkState = LinkState.CONNECTED;
            publisher.online();
            staleSites.sessionStarted(roster.onlineBuddies());
            republishAll();
            requestRefresh();
            completedSetups.incrementAndGet();
            LOG.info("[{}] session ready: {} nodes watched ({} not there yet), {} local devices republished",
                    client.name(), watchedByName.size(), missingNodes.size(), local.devices().size());
        } catch (Exception e) {
            if (stopping || !connection.isAuthenticated()) {
                return;
            }
            Duration delay = Backoff.CONNECT.delay(attempt);
            LOG.error("[{}] session set-up failed: {}; retrying in {} s", client.name(), describe(e), delay.toSeconds());
            LOG.debug("[{}] set-up failure", client.name(), e);
            schedule(() -> setUp(attempt + 1), delay);
        }
    }

    private void sendPresence() throws Exception {
        PresenceBuilder presence = PresenceBuilder.buildPresence()
                .ofType(Presence.Type.available)
                .setPriority(client.priority())
                .setMode(mode(client.status()))
                .addExtension(StatefedPresenceElement.of(ownEid));
        if (!client.statusMessage().isEmpty()) {
            presence.setStatus(client.statusMessage());
        }
        connection.sendStanza(presence.build());
    }

    private static Presence.Mode mode(PresenceStatus status) {
        return switch (status) {
            case CHAT -> Presence.Mode.chat;
            case AVAILABLE -> Presence.Mode.available;
            case AWAY -> Presence.Mode.away;
            case XAWAY -> Presence.Mode.xa;
            case DND -> Presence.Mode.dnd;
        };
    }

    private void checkCollectionsOnce() {
        if (collectionsChecked || !general.collectionNodes()) {
            return;
        }
        collectionsChecked = true;
        try {
            boolean supported = pubsub.supportsCollections();
            LOG.warn("[{}] collection_nodes=yes: {}; statefed shares state through leaf nodes only, which every "
                    + "server delivers. Set collection_nodes=no to silence this.", client.name(),
                    supported ? pubsub.service() + " announces collections, but prosody 0.12 and ejabberd 23.01 "
                            + "deliver no events through them"
                            : pubsub.service() + " does not support XEP-0248 collections");
        } catch (Exception e) {
            LOG.warn("[{}] collection_nodes=yes, and asking {} about collections failed ({}); statefed uses leaf "
                    + "nodes only", client.name(), pubsub.service(), describe(e));
        }
    }

    /**
     * ejabberd lets only the first publisher of an item overwrite it while items are persisted, so on a
     * shared node (every site writes the same device ids) persisting would lock each device to one
     * site. There, shared nodes keep no items and resync relies on refresh requests alone.
     */
    private boolean persistOwnNodes() {
        if (layout.ownsItsNodes()) {
            return true;
        }
        if (persistSharedNodes == null) {
            try {
                persistSharedNodes = !pubsub.softwareName().toLowerCase(java.util.Locale.ROOT).contains("ejabberd");
            } catch (Exception e) {
                LOG.warn("[{}] could not ask {} what server it is ({}); assuming shared items may be overwritten",
                        client.name(), pubsub.service(), describe(e));
                persistSharedNodes = true;
            }
            if (!persistSharedNodes) {
                LOG.info("[{}] {} is ejabberd, which lets only an item's first publisher overwrite a persisted item: "
                        + "shared nodes are created with persist_items=0 and resync relies on statefed peers "
                        + "republishing", client.name(), pubsub.service());
            }
        }
        return persistSharedNodes;
    }

    private void ensureOwnNodes() throws Exception {
        boolean persist = persistOwnNodes();
        for (NodeKind kind : NodeKind.values()) {
            String node = layout.ownNode(kind);
            boolean created;
            try {
                created = pubsub.create(node, NodeOptions.forStatefed(maxItems(), persist), rejected ->
                        LOG.warn("[{}] {} rejected node options {}; creating {} with fewer options", client.name(),
                                pubsub.service(), rejected, node));
            } catch (XMPPErrorException e) {
                throw new IllegalStateException(PubSubErrors.explain("create", node, pubsub.service().toString(),
                        client.jid().toString(), e), e);
            }
            if (created) {
                LOG.info("[{}] created node {} on {}", client.name(), node, pubsub.service());
            }
            affiliateBuddies(node, created);
        }
    }

    private void affiliateBuddies(String node, boolean created) {
        if (client.buddies().isEmpty()) {
            return;
        }
        // Shared nodes: every site publishes; own nodes: buddies only read.
        Affiliation.Type type = layout.ownsItsNodes() ? Affiliation.Type.member : Affiliation.Type.publisher;
        Map<BareJid, Affiliation.Type> affiliations = new HashMap<>();
        client.buddies().forEach(b -> affiliations.put(b, type));
        try {
            pubsub.affiliate(node, affiliations);
        } catch (Exception e) {
            if (created || layout.ownsItsNodes()) {
                LOG.error("[{}] {}", client.name(), PubSubErrors.explain("setting affiliations", node,
                        pubsub.service().toString(), client.jid().toString(), e));
            } else {
                // Someone else owns the shared node: its owner affiliates its buddies, which includes us.
                LOG.debug("[{}] not the owner of shared node {}: {}", client.name(), node, describe(e));
            }
        }
    }

    private int maxItems() {
        return 10_000;
    }

    private void subscribeAndResync(WatchedNode node, Set<String> subscribed) throws Exception {
        long resyncStarted = clock.millis();
        if (!subscribed.contains(node.node())) {
            try {
                pubsub.subscribe(node.node(), client.jid());
            } catch (XMPPErrorException e) {
                StanzaError.Condition condition = e.getStanzaError().getCondition();
                if (node.owner().isPresent() && (condition == StanzaError.Condition.item_not_found
                        || condition == StanzaError.Condition.forbidden || condition == StanzaError.Condition.not_allowed
                        || condition == StanzaError.Condition.not_authorized)) {
                    if (missingNodes.add(node.node())) {
                        String line = PubSubErrors.explain("subscribe", node.node(), pubsub.service().toString(),
                                client.jid().toString(), e);
                        if (condition == StanzaError.Condition.item_not_found) {
                            LOG.info("[{}] cannot subscribe yet: {}; trying again when {} comes online",
                                    client.name(), line, node.owner().get());
                        } else {
                            LOG.error("[{}] {}; trying again when {} comes online", client.name(), line, node.owner().get());
                        }
                    }
                    return;
                }
                throw new IllegalStateException(PubSubErrors.explain("subscribe", node.node(),
                        pubsub.service().toString(), client.jid().toString(), e), e);
            }
        }
        missingNodes.remove(node.node());
        for (Item item : pubsub.items(node.node())) {
            ReceivedItem received = ReceivedItem.fetched(node, item.getId(), payloadOf(item), resyncStarted,
                    publisherOf(item));
            mergeExecutor.execute(() -> merger.merge(received));
        }
    }

    private void buddyAvailable(EntityBareJid buddy) {
        staleSites.available(buddy);
        if (layout.ownsItsNodes()) {
            onSession(() -> retryMissingNodesOf(buddy));
        }
    }

    private void buddyUnavailable(EntityBareJid buddy) {
        // Smack reports every buddy unavailable when OUR connection drops: that says nothing about them.
        if (connection.isAuthenticated() && !stopping) {
            LOG.info("[{}] buddy {} went offline", client.name(), buddy);
            staleSites.unavailable(buddy);
        }
    }

    /** A buddy's statefed presence says which entity id it publishes under. Runs on the merge thread. */
    private void eidDeclared(EntityBareJid buddy, StatefedPresenceElement declared) {
        if (declared.eid().isEmpty()) {
            counters.increment(Counters.Counter.PRESENCE_REJECTED);
            rateLimited.warn("presence:" + buddy, "[{}] ignored the statefed presence of {}: {}", client.name(), buddy,
                    declared.problem());
            return;
        }
        EntityId eid = declared.eid().get();
        if (eid.equals(ownEid)) {
            counters.increment(Counters.Counter.DUPLICATE_EID);
            rateLimited.error("duplicate-eid:" + buddy, "[{}] {} announces OUR entity id {}: two sites share one "
                    + "entityid, so each drops the other's events; give every site its own entityid in [general]",
                    client.name(), buddy, eid);
            return;
        }
        boolean known = bindings.eidOf(buddy).equals(Optional.of(eid));
        if (bindings.declare(buddy, eid) == EntityBindings.Verdict.FORGED) {
            counters.increment(Counters.Counter.PRESENCE_REJECTED);
            rateLimited.warn("presence:" + buddy, "[{}] {} announces entity id {}, which belongs to {}: ignored",
                    client.name(), buddy, eid, bindings.buddyOf(eid).map(Object::toString).orElse("another site"));
            return;
        }
        if (!known) {
            LOG.debug("[{}] {} publishes under entity id {}", client.name(), buddy, eid);
            staleSites.eidLearned(buddy);
        }
    }

    private void retryMissingNodesOf(EntityBareJid buddy) {
        if (stopping || !connection.isAuthenticated()) {
            return;
        }
        boolean subscribedLate = false;
        for (WatchedNode node : layout.nodesOf(buddy)) {
            if (missingNodes.contains(node.node())) {
                try {
                    subscribeAndResync(node, Set.of());
                    if (!missingNodes.contains(node.node())) {
                        LOG.info("[{}] subscribed to {}'s node {}", client.name(), buddy, node.node());
                        subscribedLate = true;
                    }
                } catch (Exception e) {
                    LOG.warn("[{}] subscribing to {} failed: {}", client.name(), node.node(), describe(e));
                }
            }
        }
        if (subscribedLate) {
            // Events published before this subscription were missed, and the node may keep fewer items
            // than were published: ask again (peers that find we hold everything do not republish).
            requestRefresh();
        }
        if (missingNodes.stream().anyMatch(n -> layout.nodesOf(buddy).stream().anyMatch(w -> w.node().equals(n)))) {
            // The buddy is online but its nodes are not there yet (it is still setting up): look again soon.
            schedule(() -> retryMissingNodesOf(buddy), Duration.ofMillis(500));
        }
    }

    // ---- publishing -------------------------------------------------------------------------------

    private void republishAll() {
        for (LocalStates.Device d : local.devices()) {
            publishDeviceState(d.device(), d.state(), d.cachable());
        }
        for (LocalStates.Mailbox m : local.mailboxes()) {
            publishMailbox(m.mailbox(), m.counts());
        }
    }

    /**
     * A peer asks for our states after its (re)connect. If it says it already holds exactly what we
     * have (same digest), nothing is resent: one restarting site must not make every peer resend
     * everything to every subscriber. Requests that arrive while an answer is queued are answered
     * together: one republish if any of them lacks something.
     */
    private void answerRefresh(RefreshRequestElement request) {
        pendingRefreshes.put(request.eid(), request);
        if (republishQueued.compareAndSet(false, true)) {
            onSession(() -> {
                republishQueued.set(false);
                Optional<StateDigest> mine = Optional.of(Digests.of(local));
                boolean needed = false;
                for (EntityId requester : List.copyOf(pendingRefreshes.keySet())) {
                    RefreshRequestElement pending = pendingRefreshes.remove(requester);
                    if (pending != null && pending.digestOf(ownEid).equals(mine)) {
                        counters.increment(Counters.Counter.REFRESH_SKIPPED);
                    } else if (pending != null) {
                        needed = true;
                    }
                }
                if (needed) {
                    republishAll();
                }
            });
        }
    }

    private void requestRefresh() {
        String nonce = Long.toString(clock.millis(), 36) + "-" + UUID.randomUUID().toString().substring(0, 8);
        PublishKey key = new PublishKey(layout.ownNode(NodeKind.DEVICE_STATE), RefreshRequestElement.itemIdFor(ownEid));
        // On the merge thread, after the items fetched during set-up: the digests then cover all of them.
        mergeExecutor.execute(() -> publisher.submit(key,
                new RefreshRequestElement(ownEid, nonce, Digests.heldPerSite(devices, mailboxes, ownEid))));
    }

    private void publishFailed(PublishKey key, Throwable error) {
        rateLimited.warn("publish:" + key.node(), "[{}] {}; will retry", client.name(),
                PubSubErrors.explain("publish of item '" + key.itemId() + "'", key.node(), pubsub.service().toString(),
                        client.jid().toString(), error));
        if (PubSubErrors.condition(error) == StanzaError.Condition.item_not_found && connection.isAuthenticated()) {
            // Our node vanished (server lost its data, or an operator deleted it): create it again.
            onSession(() -> {
                try {
                    ensureOwnNodes();
                } catch (Exception e) {
                    LOG.error("[{}] re-creating nodes failed: {}", client.name(), describe(e));
                }
            });
        }
    }

    // ---- receiving --------------------------------------------------------------------------------

    private void onEvent(Message message) {
        if (message.getFrom() == null || !pubsub.service().equals(message.getFrom().asBareJid())) {
            counters.increment(Counters.Counter.NOT_A_BUDDY);
            rateLimited.warn("event-from:" + message.getFrom(), "[{}] dropped a PubSub event sent by {} instead of the "
                    + "PubSub service {}", client.name(), message.getFrom(), pubsub.service());
            return;
        }
        EventElement event = message.getExtension(EventElement.class);
        if (event == null) {
            return;
        }
        if (event.getEventType() != EventElementType.items) {
            if (event.getEventType() == EventElementType.purge || event.getEventType() == EventElementType.delete) {
                counters.increment(Counters.Counter.RETRACTS_IGNORED);
                rateLimited.warn("purge", "[{}] ignored a {} event from {}: statefed keeps the states it knows "
                        + "(sites republish on reconnect)", client.name(), event.getEventType(), message.getFrom());
            }
            return;
        }
        ItemsExtension items = (ItemsExtension) event.getEvent();
        WatchedNode node = watchedByName.get(items.getNode());
        if (node == null) {
            if (!isOwnNode(items.getNode())) {
                counters.increment(Counters.Counter.NOT_A_BUDDY);
                rateLimited.warn("unwatched:" + items.getNode(), "[{}] ignored items on node {}, which belongs to no "
                        + "buddy of this account", client.name(), items.getNode());
            }
            return;
        }
        for (Object element : items.getItems()) {
            if (element instanceof RetractItem) {
                counters.increment(Counters.Counter.RETRACTS_IGNORED);
            } else if (element instanceof Item item) {
                merger.merge(ReceivedItem.live(node, item.getId(), payloadOf(item), publisherOf(item)));
            }
        }
    }

    private boolean isOwnNode(String node) {
        return layout.ownNode(NodeKind.DEVICE_STATE).equals(node) || layout.ownNode(NodeKind.MAILBOX).equals(node);
    }

    /** The bare JID the server names as the item's publisher; empty when it named none or nonsense. */
    private static Optional<EntityBareJid> publisherOf(Item item) {
        if (item instanceof PublishedItem published && published.publisher().isPresent()) {
            try {
                Jid jid = JidCreate.from(published.publisher().get());
                return Optional.ofNullable(jid.asEntityBareJidIfPossible());
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static org.jivesoftware.smack.packet.ExtensionElement payloadOf(Item item) {
        return item instanceof PayloadItem<?> p ? p.getPayload() : null;
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Scheduler.Cancellable scheduleCancellable(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = session.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException stopped) {
            // Only after stop(): nothing is dropped once this site has stopped.
            return () -> { };
        }
    }

    private void schedule(Runnable task, Duration delay) {
        if (stopping) {
            return;
        }
        try {
            session.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("[{}] not scheduled: this site is stopping", client.name());
        }
    }

    /**
     * Runs {@code task} on the session thread. Events (a refresh request, a buddy coming online) can
     * arrive while {@link #stop} shuts that thread down; they no longer matter then.
     */
    private void onSession(Runnable task) {
        if (stopping) {
            return;
        }
        try {
            session.execute(task);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("[{}] not run: this site is stopping", client.name());
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    PubsubLayout layout() {
        return general.pubsubLayout();
    }
}
