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
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.EventElementType;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.RetractItem;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.ClientConfig;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PresenceStatus;
import org.statefed.config.PubsubLayout;
import org.statefed.link.RateLimitedLog;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.wire.BridgedItemId;
import org.statefed.wire.DeviceStateElement;
import org.statefed.wire.MailboxElement;
import org.statefed.wire.RefreshRequestElement;
import org.statefed.wire.RejectReason;
import org.statefed.wire.StatefedPresenceElement;

/**
 * One client section's life on its XMPP server: connect (retried with capped backoff), log in, keep
 * buddies and presence, make sure the PubSub nodes exist, subscribe, resync, publish local changes and
 * merge remote items. Every end of a session is followed by a new attempt with backoff ({@link #sessionEnded}); every non-resumed login runs
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
    /** Buddy returns within this window are answered by one republish. */
    public static final Duration RETURN_WINDOW = Duration.ofSeconds(1);
    /** Watched nodes subscribed and fetched side by side during set-up. */
    private static final int SETUP_REQUESTS_IN_FLIGHT = 16;
    /** Affiliations per request: 10 000 buddies in one request exceeded prosody's 256 KB stanza limit. */
    private static final int AFFILIATIONS_PER_REQUEST = 500;
    /**
     * How often one peer's refresh requests are answered at most; a restarting peer asks once. Public for the
     * bridge ITs: what arrives within half of it came directly, not through a refresh.
     */
    public static final Duration REFRESH_ANSWER_INTERVAL = Duration.ofSeconds(5);

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
    /** Buddies whose missing nodes are looked for again soon (see retryMissingNodesOf). */
    private final Set<EntityBareJid> retryScheduled = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService session;
    private final ScheduledThreadPoolExecutor publishThread;
    /** Heartbeat ticks: never behind a session request that hangs on the very link they are to judge. */
    private final ScheduledThreadPoolExecutor heartbeatThread;
    private final java.util.concurrent.ExecutorService setupRequests;
    private final XMPPTCPConnection connection;
    private final PubSubClient pubsub;
    private final BuddyServices buddyServices;
    private final BuddyRoster roster;
    private final ItemMerger merger;
    private final EntityBindings bindings = new EntityBindings();
    /** Buddies whose presence lists our own entity id as bridged: bridges on a LAN we share. */
    private final Set<EntityBareJid> relaysOurEid = ConcurrentHashMap.newKeySet();
    private final StaleSites staleSites;
    private final CoalescingPublisher publisher;
    private final RateLimitedLog rateLimited;
    private final Heartbeats heartbeats;
    /** Stanzas of each buddy's own as they arrive: proof of life for {@link #heartbeats}. */
    private final BuddyTraffic traffic;
    private final ReturnRepublisher returnRepublisher;
    private final BuddyReturns returns;
    private final PublisherWatch publisherWatch;
    private volatile boolean serverSoftwareAsked;
    private final OwnNodeCheck ownNodeCheck;
    private final NodePlanner planner;
    private final SubscriptionHealth health;
    private final RefreshAnswers refreshAnswers;
    private final RefreshRequests refreshRequests;
    private final SiteSockets sockets;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Only the first stop runs (the signal handler's and the shutdown hook's may overlap). */
    private final AtomicBoolean stopCalled = new AtomicBoolean();
    private final AtomicInteger completedSetups = new AtomicInteger();
    /** Why the last session set-up failed, as logged; empty until one fails. */
    private volatile Optional<String> lastSetupFailure = Optional.empty();
    /** True from a login until the end of that session is handled; guards against handling an end twice. */
    private final AtomicBoolean sessionUp = new AtomicBoolean();
    /** Sessions in a row that ended soon after they began (see {@link #sessionEnded}). */
    private final AtomicInteger briefSessions = new AtomicInteger();
    private volatile long loggedInAtMillis;
    private volatile boolean stopping;
    private volatile LinkState linkState = LinkState.DISCONNECTED;
    private volatile boolean collectionsChecked;
    private volatile Boolean persistSharedNodes;
    /** The bridged entity ids our last presence announced. */
    private volatile Set<EntityId> announcedBridged = Set.of();

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
        this.layout = new NodeLayout(effectiveLayout(client, general), client.jid(), client.buddies());
        for (WatchedNode node : layout.watchedNodes()) {
            watchedByName.put(node.key(), node);
        }
        this.health = new SubscriptionHealth(layout.watchedNodes());
        this.session = Executors.singleThread("statefed-" + client.name() + "-session");
        this.publishThread = Executors.singleThread("statefed-" + client.name() + "-publish");
        this.heartbeatThread = Executors.singleThread("statefed-" + client.name() + "-heartbeat");
        this.setupRequests = Executors.pool("statefed-" + client.name() + "-setup", SETUP_REQUESTS_IN_FLIGHT);
        this.rateLimited = new RateLimitedLog(LOG, clock, Duration.ofSeconds(10));
        UnknownIqResponder unknownIqs = new UnknownIqResponder(client.name(), counters, rateLimited, publishThread);
        this.sockets = new SiteSockets(ServerAddresses.of(client));
        this.connection = ConnectionFactory.create(client, "statefed-" + UUID.randomUUID().toString().substring(0, 8),
                sockets, unknownIqs::received);
        BareJid service;
        try {
            // PEP (XEP-0163): the account is its own PubSub service.
            service = layout.pep() ? client.jid() : JidCreate.domainBareFrom(client.pubsubService());
        } catch (Exception e) {
            throw new IllegalArgumentException("[" + client.name() + "] pubsub_node '" + client.pubsubService()
                    + "' is not a valid service JID", e);
        }
        this.pubsub = new PubSubClient(connection, service, publishTimeout(client, general));
        this.buddyServices = new BuddyServices(client.name(), service, client.jid().asDomainBareJid(), client.buddyPubsub());
        this.ownNodeCheck = new OwnNodeCheck(client.name(), pubsub, client.jid(),
                jid -> jid.asEntityBareJidIfPossible() != null && client.buddies().contains(jid.asEntityBareJidIfPossible()));
        NodePlanner.ReadBack readBack = new NodePlanner.ReadBack() {
                    @Override
                    public Map<String, String> configuration(String node) throws Exception {
                        return pubsub.configuration(node);
                    }

                    @Override
                    public Map<BareJid, Affiliation.Type> affiliations(String node) throws Exception {
                        return pubsub.affiliations(node);
                    }
                };
        this.planner = layout.pep() ? NodePlanner.fixed(client.name(), service.toString(), NodeConfigPlan.PEP_PRESENCE,
                readBack) : new NodePlanner(client.name(), client.pubsubService(), layout.ownsItsNodes(),
                client.buddies(), readBack);
        // PEP: buddies' servers send their nodes' events to resources whose caps say +notify (XEP-0163 4.3).
        layout.notifyFeatures().forEach(ServiceDiscoveryManager.getInstanceFor(connection)::addFeature);
        PublisherItemProvider.register();
        LenientCapsProvider.register();
        this.roster = new BuddyRoster(client.name(), client.buddies(), general.authPolicy(), general.autoregister(),
                general.autoprune(), counters, this::buddyAvailable, this::buddyUnavailable,
                (buddy, declared) -> mergeExecutor.execute(() -> eidDeclared(buddy, declared)), rateLimited);
        this.staleSites = new StaleSites(client.name(), client.buddies(), general.staleTimeout(), bindings,
                this::scheduleCancellable, mergeExecutor, devices, mailboxes, counters);
        this.merger = new ItemMerger(client.name(), client.jid(), roster::isBuddy, ownEid, devices, mailboxes,
                counters, bindings, this::answerRefresh, staleSites::eidLearned, rateLimited,
                general.maxDevicesPerSite(), general.maxMailboxesPerSite(), local::publishes, relaysOurEid::contains,
                new RefusedItems(clock));
        this.refreshRequests = new RefreshRequests(RETURN_WINDOW, this::scheduleCancellable, this::sendRefreshRequest);
        this.refreshAnswers = new RefreshAnswers(REFRESH_ANSWER_INTERVAL, this::scheduleCancellable, this::onSession,
                ownEid, () -> republishAll(PublishReason.REFRESH_ANSWER), counters, () -> Digests.perEntity(local, ownEid));
        this.publisher = new CoalescingPublisher(new PublishStamper(pubsub, clock), publishThread, publishThread, PUBLISH_WINDOW,
                this::publishFailed, counters);
        this.traffic = new BuddyTraffic(client.buddies());
        this.heartbeats = new Heartbeats(general.heartbeatInterval(), GeneralConfig.HEARTBEAT_MISSES, this::ping,
                (task, delay) -> scheduleOn(heartbeatThread, task, delay), mergeExecutor, roster::onlineResources, roster::isStatefed,
                new HeartbeatListener(), connection::getLastStanzaReceived, traffic::mark);
        this.publisherWatch = new PublisherWatch(client.name(), layout.layout(), service.toString(),
                line -> LOG.warn("{}", line));
        this.returnRepublisher = new ReturnRepublisher(client.name(), RETURN_WINDOW, this::scheduleCancellable,
                () -> republishAll(PublishReason.RETURN), counters);
        this.returns = new BuddyReturns(roster::onlyStatefedOnline, staleSites::available,
                returnRepublisher::buddyReturned, this::requestRefresh);
    }

    /**
     * How long a publish waits for its answer: no shorter than the heartbeats take to find the link dead. A
     * publish lost with the link is sent again by the next session's set-up anyway; one whose answer is late
     * (it waits behind a storm's events in the server's queue to us) must not be sent again and add to the
     * storm. Without heartbeats, the configured reply timeout.
     */
    static Duration publishTimeout(ClientConfig client, GeneralConfig general) {
        Duration detection = general.heartbeatDetection();
        return general.heartbeatInterval().isZero() || detection.compareTo(client.timeout()) < 0 ? client.timeout()
                : detection;
    }

    /** A client section without pubsub_node publishes to its own PEP service, whatever pubsub_layout says. */
    static PubsubLayout effectiveLayout(ClientConfig client, GeneralConfig general) {
        return client.hasPubsubService() ? general.pubsubLayout() : PubsubLayout.PEP;
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

    /**
     * A site restored from the state file: if {@code buddy} is one of this account's, its entity id is
     * bound as remembered (until the buddy says otherwise), so its restored states go stale after
     * stale_timeout if it is not seen online again. Before {@link #start()}.
     *
     * @return true if {@code buddy} is a buddy of this account
     */
    public boolean restoreSite(EntityBareJid buddy, EntityId eid) {
        if (!client.buddies().contains(buddy)) {
            return false;
        }
        bindings.restore(buddy, eid);
        return true;
    }

    /**
     * Whether {@code eid} is a buddy's own entity id (it speaks for it over XMPP itself): a bridge that hears
     * it on a LAN they share does not publish it again.
     */
    public boolean isBuddysOwn(EntityId eid) {
        return bindings.buddyOf(eid).flatMap(bindings::eidOf).equals(Optional.of(eid));
    }

    /** Whether a buddy that speaks for {@code eid} (its own or bridged) is online now. */
    public boolean hears(EntityId eid) {
        return connection.isAuthenticated() && bindings.buddyOf(eid).map(roster::isOnline).orElse(false);
    }

    /** Each watched node's subscription as the server last answered, for {@code jabber show subscriptions}. */
    public List<NodeSubscription> subscriptions() {
        return health.snapshot();
    }

    /** How many times the session set-up (subscribe, resync, republish) completed. */
    /** Publishes queued or in flight now (a gauge of the metrics). */
    public int publishBacklog() {
        return publisher.backlog();
    }

    public int completedSetups() {
        return completedSetups.get();
    }

    /** Why the last session set-up failed (the ERROR line's reason, e.g. the server's refusal); empty if none has. */
    public Optional<String> lastSetupFailure() {
        return lastSetupFailure;
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
            heardFromPublisherOf(message);
            mergeExecutor.execute(() -> onEvent(message));
        }, new StanzaExtensionFilter(EventElement.ELEMENT, EventElement.NAMESPACE));
        // Smack's default closes the connection on a stanza it cannot parse; one hostile stanza must not
        // cut a site off the cluster: log (rate-limited), count, drop.
        connection.setParsingExceptionCallback(unparseable -> {
            counters.rejected(RejectReason.MALFORMED_XML);
            rateLimited.warn("unparseable", "[{}] dropped a stanza that could not be parsed: {}", client.name(),
                    describe(unparseable.getParsingException()));
        });
        connection.addSyncStanzaListener(stanza -> {
            CapsExtension caps = stanza.getExtension(CapsExtension.class);
            if (caps != null && LenientCapsProvider.isMalformed(caps)) {
                counters.increment(Counters.Counter.MALFORMED_CAPS);
                rateLimited.warn("caps", "[{}] ignored the entity capabilities in a presence from {}: node or ver "
                        + "missing", client.name(), stanza.getFrom());
            }
        }, StanzaTypeFilter.PRESENCE);
        PingManager.getInstanceFor(connection).setPingInterval(PING_INTERVAL_SECONDS);
        // Replaces PingManager's own answer (the same pong) to note first who pinged: a buddy's pings are
        // proof of life while our pings to it wait behind a storm (see BuddyTraffic).
        connection.registerIQRequestHandler(new PingAnswerer(from -> traffic.heard(from.asEntityBareJidIfPossible())));
        // No ReconnectionManager: it gives up after a stream conflict and retries every second silently;
        // sessionEnded() retries after every end of a session, with backoff, and says why.
        ReconnectionManager.getInstanceFor(connection).disableAutomaticReconnection();
        session.execute(() -> connect(1, Backoff.CONNECT));
    }

    /** Publishes one local device state (coalesced with newer changes to the same device). */
    public void publishDeviceState(String device, DeviceState state, boolean cachable) {
        publishDeviceState(device, ownEid, state, cachable);
    }

    /**
     * Publishes one device state under its original entity id: ours, or one this site bridges from a LAN
     * link (on our own node in the per-site layout, under a distinct item id: {@link #itemId}).
     * Coalesced per device and entity id, so two LAN servers' states of one device never replace each other.
     */
    public void publishDeviceState(String device, EntityId eid, DeviceState state, boolean cachable) {
        publishDeviceState(device, eid, state, cachable, PublishReason.CHANGE);
    }

    private void publishDeviceState(String device, EntityId eid, DeviceState state, boolean cachable,
            PublishReason reason) {
        publisher.submit(PublishKey.of(layout.ownNode(NodeKind.DEVICE_STATE), itemId(device, eid), eid, ownEid),
                new DeviceStateElement(state, eid, cachable), reason);
    }

    /**
     * The item id of a value on our node: the plain name for our own values, and on a node of our own
     * (per-site, PEP) {@code name@@eid} for bridged ones, so our own and a LAN server's state of one device
     * are two items (see {@link BridgedItemId}). On the asterisk layout's shared node Asterisk reads the id as
     * the device name: plain there.
     */
    private String itemId(String name, EntityId eid) {
        return BridgedItemId.onNode(name, eid, ownEid, layout.ownsItsNodes());
    }

    /** Publishes one local mailbox's counts. */
    public void publishMailbox(String mailbox, MwiCounts counts) {
        publishMailbox(mailbox, ownEid, counts);
    }

    /** Publishes one mailbox's counts under its original entity id (see the device state form). */
    public void publishMailbox(String mailbox, EntityId eid, MwiCounts counts) {
        publishMailbox(mailbox, eid, counts, PublishReason.CHANGE);
    }

    private void publishMailbox(String mailbox, EntityId eid, MwiCounts counts, PublishReason reason) {
        publisher.submit(PublishKey.of(layout.ownNode(NodeKind.MAILBOX), itemId(mailbox, eid), eid, ownEid),
                new MailboxElement(eid, counts.newMessages(), counts.oldMessages()), reason);
    }

    /**
     * The set of entity ids this site bridges changed: the statefed presence that announces them is sent
     * again (buddies accept a bridged entity id's items only from the site that announced it).
     */
    public void announceBridged() {
        onSession(this::announceBridgedNow);
    }

    /**
     * Same as {@link #announceBridged}, on the caller's thread: the presence is handed to the stream before
     * anything the caller publishes next (the bridge thread announces a new entity id before its first item).
     */
    public void announceBridgedNow() {
        if (stopping || linkState != LinkState.CONNECTED) {
            // The set-up of the next session sends the presence with the current set.
            return;
        }
        try {
            sendPresence();
        } catch (Exception e) {
            LOG.warn("[{}] announcing the bridged entity ids failed: {}", client.name(), describe(e));
        }
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
        heartbeats.stop();
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
        heartbeatThread.shutdownNow();
        setupRequests.shutdownNow();
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

    private void connect(int attempt, Backoff backoff) {
        if (stopping || connection.isAuthenticated()) {
            return;
        }
        linkState = LinkState.CONNECTING;
        try {
            connection.connect();
            linkState = LinkState.AUTHENTICATING;
            connection.login();
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
        Duration delay = backoff.delay(attempt);
        LOG.info("[{}] next connection attempt in {} s", client.name(), delay.toSeconds());
        schedule(() -> connect(attempt + 1, backoff), delay);
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
            loggedInAtMillis = clock.millis();
            sessionUp.set(true);
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
            sessionEnded(SessionEnd.of(e, client.jid() + "/" + client.resource().map(Object::toString)
                    .orElse("(generated)")));
        }

        @Override
        public void connectionClosed() {
            sessionEnded(SessionEnd.closedByServer());
        }
    }

    /**
     * Every end of a logged-in session leads to a new connection attempt, whatever the cause (Smack's
     * ReconnectionManager gives up after a stream {@code conflict}). The delay grows while sessions keep
     * ending soon after they began (two clients with one resource take the session from each other),
     * and starts again at the first step after a session that lasted as long as the longest delay.
     * Called on Smack's threads: only schedules.
     */
    private void sessionEnded(SessionEnd end) {
        linkState = LinkState.DISCONNECTED;
        heartbeats.stop();
        staleSites.connectionLost();
        publisher.offline();
        roster.forgetPresence();
        if (stopping || !sessionUp.getAndSet(false)) {
            // Stopping, or the end of a connection that never logged in: connect() retries those itself.
            return;
        }
        counters.increment(Counters.Counter.SESSIONS_ENDED);
        boolean brief = clock.millis() - loggedInAtMillis < Backoff.RECONNECT.max().toMillis();
        int streak = brief ? briefSessions.incrementAndGet() : resetStreak();
        Duration delay = Backoff.RECONNECT.delay(streak);
        if (end.severe()) {
            LOG.error("[{}] {}; remote states are kept meanwhile; next connection attempt in {} s", client.name(),
                    end.explanation(), delay.toSeconds());
        } else {
            LOG.warn("[{}] connection to {}:{} lost ({}); remote states are kept meanwhile; next connection attempt "
                    + "in {} s", client.name(), client.serverHost(), client.port(), end.explanation(), delay.toSeconds());
        }
        schedule(() -> connect(streak + 1, Backoff.RECONNECT), delay);
    }

    private int resetStreak() {
        briefSessions.set(1);
        return 1;
    }

    // ---- liveness (heartbeats) --------------------------------------------------------------------

    private void ping(Jid target, Duration timeout, java.util.function.Consumer<Heartbeats.Outcome> done) {
        if (!connection.isAuthenticated()) {
            done.accept(Heartbeats.Outcome.NOT_SENT);
            return;
        }
        PingManager.getInstanceFor(connection).pingAsync(target, timeout.toMillis())
                .onSuccess(answered -> done.accept(Heartbeats.Outcome.ANSWERED))
                .onError(e -> done.accept(e instanceof SmackException.NoResponseException ? Heartbeats.Outcome.MISSED
                        : e instanceof XMPPErrorException ? Heartbeats.Outcome.ANSWERED : Heartbeats.Outcome.NOT_SENT));
    }

    private final class HeartbeatListener implements Heartbeats.Listener {
        @Override
        public void buddySilent(EntityBareJid buddy) {
            if (stopping || !connection.isAuthenticated()) {
                return;
            }
            counters.increment(Counters.Counter.HEARTBEAT_SILENT);
            LOG.warn("[{}] buddy {} answered none of the last {} pings ({} s apart) though the server still shows it "
                    + "online (hung, or its link is cut): treated as offline; its states are kept for stale_timeout={} s",
                    client.name(), buddy, GeneralConfig.HEARTBEAT_MISSES, general.heartbeatInterval().toSeconds(),
                    general.staleTimeout().toSeconds());
            staleSites.unavailable(buddy);
            releaseClaimsOf(buddy);
        }

        @Override
        public void buddyAnswering(EntityBareJid buddy) {
            if (stopping || !connection.isAuthenticated()) {
                return;
            }
            LOG.info("[{}] buddy {} answers pings again: back online", client.name(), buddy);
            returns.answersAgain(buddy);
        }

        @Override
        public void serverSilent() {
            linkSilent();
        }

        @Override
        public void late(Jid target) {
            counters.increment(Counters.Counter.PINGS_LATE);
        }
    }

    /**
     * Our server stopped answering pings: the TCP connection may look fine, but nothing comes through.
     * Runs on the merge thread, not the session thread: that one may sit in a blocking request on the dead
     * link for its whole reply timeout, and shutting the connection down is what frees it.
     */
    private void linkSilent() {
        if (stopping || !connection.isAuthenticated()) {
            return;
        }
        counters.increment(Counters.Counter.LINK_SILENT);
        // sessionEnded says it in one line and schedules the next attempt; shutting the connection down
        // after it frees a session thread stuck in a request on the dead link.
        sessionEnded(SessionEnd.silentServer(GeneralConfig.HEARTBEAT_MISSES, general.heartbeatInterval()));
        connection.instantShutdown();
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
            askServerSoftwareOnce();
            discoverService();
            if (layout.layout() == PubsubLayout.PER_SITE) {
                // Buddies on other (federated) domains publish on their own domain's service.
                buddyServices.discover(pubsub::pubsubServiceOf, client.buddies());
            }
            ensureOwnNodes();
            Set<String> subscribed = pubsub.subscribedNodes(client.jid());
            health.sessionStarted();
            subscribeAllAndResync(subscribed);
            linkState = LinkState.CONNECTED;
            publisher.online();
            staleSites.sessionStarted(roster.onlineBuddies());
            heartbeats.start(connection.getXMPPServiceDomain());
            republishAll(PublishReason.SETUP);
            if (!local.bridged().equals(announcedBridged)) {
                // A LAN server was learned during set-up, after our presence went out (announceBridged waits
                // for the session to be ready): buddies accept its states only once we announce it.
                sendPresence();
            }
            requestRefresh();
            completedSetups.incrementAndGet();
            LOG.info("[{}] session ready: {} nodes watched ({}), {} local devices republished",
                    client.name(), watchedByName.size(), health.summary(), local.devices().size());
            if (!health.receivingAny()) {
                LOG.warn("[{}] connected, but NOT receiving from any buddy: no watched node is subscribed ({}); "
                        + "statefed keeps trying as buddies come online; 'jabber show subscriptions' shows each "
                        + "node and the server's answer", client.name(), health.summary());
            }
        } catch (Exception e) {
            if (stopping || !connection.isAuthenticated()) {
                return;
            }
            Duration delay = Backoff.CONNECT.delay(attempt);
            lastSetupFailure = Optional.of(describe(e));
            LOG.error("[{}] session set-up failed: {}; retrying in {} s", client.name(), describe(e), delay.toSeconds());
            LOG.debug("[{}] set-up failure", client.name(), e);
            schedule(() -> setUp(attempt + 1), delay);
        }
    }

    private void sendPresence() throws Exception {
        Set<EntityId> bridged = local.bridged();
        PresenceBuilder presence = PresenceBuilder.buildPresence()
                .ofType(Presence.Type.available)
                .setPriority(client.priority())
                .setMode(mode(client.status()))
                .addExtension(StatefedPresenceElement.of(ownEid, bridged));
        announcedBridged = Set.copyOf(bridged);
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

    /** Which server this is decides the fix {@link PublisherWatch} suggests. */
    private void askServerSoftwareOnce() {
        if (serverSoftwareAsked) {
            return;
        }
        serverSoftwareAsked = true;
        try {
            publisherWatch.serverSoftware(pubsub.softwareName());
        } catch (Exception e) {
            LOG.debug("[{}] could not ask {} what server it is: {}", client.name(), pubsub.service(), describe(e));
        }
    }

    /** What the service offers decides the node plan; learned at every session (the server may have changed). */
    private void discoverService() {
        try {
            planner.learned(pubsub.discover());
        } catch (Exception e) {
            LOG.warn("[{}] could not ask {} what it supports ({}): statefed asks for whitelist access with member "
                    + "affiliations and checks what the server stores", client.name(), pubsub.service(), describe(e));
        }
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
                created = pubsub.create(node, planner.plan().options(maxItems(), persist), rejected ->
                        LOG.warn("[{}] {} rejected node options {}; creating {} with fewer options", client.name(),
                                pubsub.service(), rejected, node));
            } catch (XMPPErrorException e) {
                String explained = PubSubErrors.explain("create", node, pubsub.service().toString(),
                        client.jid().toString(), e, planner.features().software());
                if (!layout.ownsItsNodes() && e.getStanzaError().getCondition() == StanzaError.Condition.forbidden) {
                    // Shared nodes are created once, by whichever site may: seen with ejabberd's pubsub refusing
                    // accounts of another, federated domain (access_createnode allows local accounts).
                    explained += "; or start first a site that may create nodes there (usually one whose account is"
                            + " on the server that runs " + pubsub.service() + "): shared nodes are created once and"
                            + " then used by every site";
                }
                throw new IllegalStateException(explained, e);
            }
            if (created) {
                LOG.info("[{}] created node {} on {}", client.name(), node, pubsub.service());
            }
            planner.settle(node, plan -> {
                ownNodeCheck.verify(node, plan.options(maxItems(), persist), layout.ownsItsNodes() && !layout.pep());
                affiliateBuddies(node, created, plan.buddyAffiliation().orElse(Affiliation.Type.none));
            });
        }
    }

    /** @param type shared nodes: publisher (every site publishes); own nodes: member (buddies only read), or
     *     none where the plan's access model does not go by affiliations */
    private void affiliateBuddies(String node, boolean created, Affiliation.Type type) {
        if (client.buddies().isEmpty() || layout.pep()) {
            return;
        }
        Map<BareJid, Affiliation.Type> affiliations = new HashMap<>();
        client.buddies().forEach(b -> affiliations.put(b, type));
        try {
            if (!created) {
                // Only what is missing: prosody takes about 40 ms per affiliation set, even an unchanged one.
                Map<BareJid, Affiliation.Type> current = currentAffiliations(node);
                affiliations.entrySet().removeIf(a -> a.getValue() == current.getOrDefault(a.getKey(), Affiliation.Type.none));
            }
            List<BareJid> all = List.copyOf(affiliations.keySet());
            for (int from = 0; from < all.size(); from += AFFILIATIONS_PER_REQUEST) {
                Map<BareJid, Affiliation.Type> batch = new HashMap<>();
                all.subList(from, Math.min(all.size(), from + AFFILIATIONS_PER_REQUEST)).forEach(b -> batch.put(b, type));
                pubsub.affiliate(node, batch);
            }
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

    /** The node's affiliations as its owner sees them; none when we may not read them (not the owner). */
    private Map<BareJid, Affiliation.Type> currentAffiliations(String node) {
        try {
            return pubsub.affiliations(node);
        } catch (Exception e) {
            LOG.debug("[{}] cannot read the affiliations of {}: {}", client.name(), node, describe(e));
            return Map.of();
        }
    }

    private int maxItems() {
        return 10_000;
    }

    /**
     * Subscribes to and fetches every watched node, {@link #SETUP_REQUESTS_IN_FLIGHT} nodes at a time: one
     * after another, 2 000 buddies (4 000 nodes, two round trips each) took 113 s to get ready.
     *
     * @throws Exception the first failure, after every node had its turn
     */
    private void subscribeAllAndResync(Set<String> subscribed) throws Exception {
        List<java.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();
        for (WatchedNode node : layout.watchedNodes()) {
            pending.add(setupRequests.submit(() -> {
                subscribeAndResync(node, subscribed, false);
                return null;
            }));
        }
        Exception first = null;
        for (java.util.concurrent.Future<?> f : pending) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** @param late subscribed after our set-up: a refresh request fetched from it was never answered by us */
    private void subscribeAndResync(WatchedNode node, Set<String> subscribed, boolean late) throws Exception {
        long resyncStarted = clock.millis();
        // PEP: the node is on its owner's account. +notify in our caps asks for its events, but ejabberd sends
        // them only to resources whose caps it resolved while subscribed to their presence, which races with
        // the buddies' first roster exchange (seen: one site's events never reached two others); an explicit
        // subscription does not depend on it. Events may then come twice: merging is idempotent.
        PubSubClient source = sourceOf(node);
        // The subscription list came from our own service only.
        if (source == pubsub && subscribed.contains(node.node())) {
            health.answered(node, org.jivesoftware.smackx.pubsub.Subscription.State.subscribed);
        } else {
            try {
                health.answered(node, source.subscribe(node.node(), client.jid()));
            } catch (XMPPErrorException e) {
                health.refused(node, e);
                StanzaError.Condition condition = e.getStanzaError().getCondition();
                // One buddy's node, whatever is wrong with it, must not stop the session: it is retried when
                // its owner comes online, and while a deleted node is away (see nodeDeleted).
                if (node.owner().isPresent()) {
                    if (missingNodes.add(node.key())) {
                        String line = PubSubErrors.explain("subscribe", node.node(), source.service().toString(),
                                client.jid().toString(), e);
                        // PEP: a buddy that never logged in has not granted us its presence yet (prosody: forbidden).
                        if (condition == StanzaError.Condition.item_not_found
                                || source != pubsub && condition == StanzaError.Condition.forbidden) {
                            LOG.info("[{}] cannot subscribe yet: {}; trying again when {} comes online",
                                    client.name(), line, node.owner().get());
                        } else {
                            LOG.error("[{}] {}; trying again when {} comes online", client.name(), line, node.owner().get());
                        }
                    }
                    return;
                }
                throw new IllegalStateException(PubSubErrors.explain("subscribe", node.node(),
                        source.service().toString(), client.jid().toString(), e), e);
            }
        }
        missingNodes.remove(node.key());
        List<? extends Item> fetched;
        try {
            fetched = source.items(node.node());
        } catch (XMPPErrorException e) {
            if (node.service().isPresent() && e.getStanzaError().getCondition() == StanzaError.Condition.item_not_found) {
                // A buddy's PEP node appears with its first publish; its events come then.
                LOG.debug("[{}] {} has no node {} yet", client.name(), node.service().get(), node.node());
                return;
            }
            // A buddy's node option (persist_items=0 makes prosody answer feature-not-implemented) must not
            // stop the session: the node stays subscribed, and the refresh request after set-up brings its
            // owner's states as live events.
            counters.increment(Counters.Counter.RESYNC_FAILED);
            String specific = PubSubErrors.pubsubCondition(e);
            rateLimited.warn("fetch:" + node.node(), "[{}] fetching the items of node {} at {} failed with {}{}: the "
                    + "node stays subscribed, so its live events and its owner's answer to our refresh request still "
                    + "arrive (a node that keeps no items, pubsub#persist_items=0, answers this way)", client.name(),
                    node.node(), source.service(), e.getStanzaError().getCondition(),
                    specific == null ? "" : " (" + specific + ")");
            return;
        }
        for (Item item : fetched) {
            ReceivedItem received = late
                    ? ReceivedItem.fetchedAfterLateSubscription(node, item.getId(), payloadOf(item), resyncStarted,
                            publisherOf(item))
                    : ReceivedItem.fetched(node, item.getId(), payloadOf(item), resyncStarted, publisherOf(item));
            publisherWatch.observed(received);
            mergeExecutor.execute(() -> merger.merge(received));
        }
    }

    /**
     * Where a watched node lives: the owner's account (PEP), the PubSub service of the owner's domain when the
     * owner is on another, federated server (per-site), else the configured service.
     */
    private PubSubClient sourceOf(WatchedNode node) {
        if (node.service().isPresent()) {
            return pubsub.at(node.service().get());
        }
        return node.owner().map(owner -> pubsub.at(buddyServices.of(owner))).orElse(pubsub);
    }

    private void buddyAvailable(EntityBareJid buddy) {
        returns.cameOnline(buddy, linkState == LinkState.CONNECTED && !stopping);
        if (layout.ownsItsNodes() && !retryScheduled.contains(buddy)) {
            onSession(() -> retryMissingNodesOf(buddy));
        }
    }

    private void buddyUnavailable(EntityBareJid buddy) {
        // Smack reports every buddy unavailable when OUR connection drops: that says nothing about them.
        if (connection.isAuthenticated() && !stopping) {
            counters.increment(Counters.Counter.BUDDY_WENT_OFFLINE);
            // A flapping buddy goes offline hundreds of times a second: one line per buddy and interval.
            rateLimited.info("offline:" + buddy, "[{}] buddy {} went offline", client.name(), buddy);
            staleSites.unavailable(buddy);
            releaseClaimsOf(buddy);
        }
    }

    /** A buddy left: entity ids it held that another buddy announced too pass to that one. */
    private void releaseClaimsOf(EntityBareJid buddy) {
        List<EntityBindings.Transfer> transfers = bindings.release(buddy);
        for (EntityBindings.Transfer t : transfers) {
            counters.increment(Counters.Counter.CLAIMS_RELEASED);
            LOG.warn("[{}] entity id {} was claimed by {} and by {}; {} left, so it now belongs to {}", client.name(),
                    t.eid(), t.from(), t.to(), t.from(), t.to());
            staleSites.eidLearned(t.to());
        }
        if (!transfers.isEmpty()) {
            // The new holder's items were refused until now: ask for them again.
            requestRefresh();
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
        Optional<EntityId> before = bindings.eidOf(buddy);
        boolean known = before.equals(Optional.of(eid));
        if (bindings.declare(buddy, eid) == EntityBindings.Verdict.FORGED) {
            counters.increment(Counters.Counter.PRESENCE_REJECTED);
            rateLimited.error("presence:" + buddy, "[{}] {} announces entity id {}, which {} announced first: two sites "
                    + "claim one entity id; {}'s states are refused until {} leaves (then the id passes to {})",
                    client.name(), buddy, eid, bindings.buddyOf(eid).map(Object::toString).orElse("another site"),
                    buddy, bindings.buddyOf(eid).map(Object::toString).orElse("it"), buddy);
            return;
        }
        if (before.isPresent() && !known) {
            staleSites.eidRetired(buddy, before.get(), eid);
            // Items under the new id that arrived before this presence were refused as forged (the id was
            // still nobody's): ask again, so the buddy's states under its new id are not lost.
            requestRefresh();
        }
        if (!known) {
            LOG.debug("[{}] {} publishes under entity id {}", client.name(), buddy, eid);
            staleSites.eidLearned(buddy);
            merger.eidsBound(buddy, Set.of(eid));
        }
        bridgedDeclared(buddy, declared);
    }

    /**
     * The entity ids a buddy's presence says it bridges from its LAN: bound to it, or refused when another
     * site claims them. Runs on the merge thread, after its own id was handled.
     */
    private void bridgedDeclared(EntityBareJid buddy, StatefedPresenceElement declared) {
        java.util.Set<EntityId> bridged = new java.util.HashSet<>(declared.bridged());
        if (bridged.remove(ownEid)) {
            // Another bridge on a LAN we share relays our own states: ours stay ours, its copies are dropped.
            if (relaysOurEid.add(buddy)) {
                LOG.debug("[{}] {} relays our own entity id {} from a LAN we share; its copies are ignored",
                        client.name(), buddy, ownEid);
            }
        } else {
            relaysOurEid.remove(buddy);
        }
        EntityBindings.BridgedChange change = bindings.declareBridged(buddy, bridged);
        change.conflicts().forEach((eid, holder) -> {
            counters.increment(Counters.Counter.PRESENCE_REJECTED);
            rateLimited.error("bridged-conflict:" + eid, "[{}] {} announces that it bridges entity id {}, which {} "
                    + "already speaks for: two sites claim one entity id; {}'s states under it are refused until {} "
                    + "leaves or stops bridging it", client.name(), buddy, eid, holder, buddy, holder);
        });
        if (!change.relayed().isEmpty()) {
            LOG.debug("[{}] {} relays the own entity ids {} of other sites; ignored", client.name(), buddy,
                    change.relayed());
        }
        change.dropped().forEach(eid -> staleSites.bridgedDropped(buddy, eid));
        staleSites.bridgedAnnounced(bindings.bridgedBy(buddy));
        if (!change.added().isEmpty()) {
            LOG.info("[{}] {} bridges entity ids {}", client.name(), buddy, new java.util.TreeSet<>(change.added()));
            staleSites.eidLearned(buddy);
            // Its first items under them may have come just before this presence: apply them now.
            merger.eidsBound(buddy, change.added());
            // Items under these ids that arrived before this presence were refused as forged: ask again.
            requestRefresh();
        }
    }

    private void retryMissingNodesOf(EntityBareJid buddy) {
        if (stopping || !connection.isAuthenticated()) {
            return;
        }
        boolean subscribedLate = false;
        for (WatchedNode node : layout.nodesOf(buddy)) {
            if (missingNodes.contains(node.key())) {
                try {
                    subscribeAndResync(node, Set.of(), true);
                    if (!missingNodes.contains(node.key())) {
                        LOG.info("[{}] subscribed to {}'s node {}", client.name(), buddy, node.node());
                        subscribedLate = true;
                    }
                } catch (Exception e) {
                    rateLimited.warn("subscribe:" + node.node(), "[{}] subscribing to {} failed: {}", client.name(),
                            node.node(), describe(e));
                }
            }
        }
        if (subscribedLate) {
            // Events published before this subscription were missed, and the node may keep fewer items
            // than were published: ask again (peers that find we hold everything do not republish).
            requestRefresh();
        }
        if (missingNodes.stream().anyMatch(n -> layout.nodesOf(buddy).stream().anyMatch(w -> w.key().equals(n)))) {
            // The buddy is online but its nodes are not there yet (it is still setting up): look again soon.
            // One look per buddy at a time, however often it comes online (a flapping buddy would
            // otherwise start one more loop of subscribe requests with every presence).
            if (retryScheduled.add(buddy)) {
                schedule(() -> {
                    retryScheduled.remove(buddy);
                    retryMissingNodesOf(buddy);
                }, Duration.ofMillis(500));
            }
        }
    }

    /**
     * Looks for a deleted watched node with backoff until it is back and subscribed again. A shared node
     * is created again right away (any site may); a buddy's node comes back when its owner publishes.
     */
    private void resubscribeDeleted(WatchedNode node, int attempt) {
        if (stopping || !connection.isAuthenticated() || !missingNodes.contains(node.key())) {
            // A new session's set-up, or the buddy coming online, subscribes instead.
            return;
        }
        try {
            if (node.owner().isEmpty()) {
                ensureOwnNodes();
            }
            subscribeAndResync(node, Set.of(), true);
        } catch (Exception e) {
            LOG.debug("[{}] node {} not back yet: {}", client.name(), node.node(), describe(e));
            missingNodes.add(node.key());
        }
        if (missingNodes.contains(node.key())) {
            schedule(() -> resubscribeDeleted(node, attempt + 1), Backoff.CONNECT.delay(attempt + 1));
            return;
        }
        LOG.info("[{}] node {} is back after its deletion: subscribed again", client.name(), node.node());
        // Changes published between the re-creation and our subscription are in its items, but the node
        // may keep fewer than were published: ask again.
        requestRefresh();
    }

    // ---- publishing -------------------------------------------------------------------------------

    private void republishAll(PublishReason reason) {
        local.whileUnchanged(() -> {
            for (LocalStates.Device d : local.devices()) {
                publishDeviceState(d.device(), d.eid(), d.state(), d.cachable(), reason);
            }
            for (LocalStates.Mailbox m : local.mailboxes()) {
                publishMailbox(m.mailbox(), m.eid(), m.counts(), reason);
            }
        });
    }

    /** A peer asks for our states after its (re)connect: see {@link RefreshAnswers}. */
    private void answerRefresh(RefreshRequestElement request) {
        refreshAnswers.requested(request);
    }

    /** We may lack states: ask every peer, at most one request per {@link #RETURN_WINDOW} ({@link RefreshRequests}). */
    private void requestRefresh() {
        refreshRequests.request();
    }

    private void sendRefreshRequest() {
        String nonce = Long.toString(clock.millis(), 36) + "-" + UUID.randomUUID().toString().substring(0, 8);
        PublishKey key = new PublishKey(layout.ownNode(NodeKind.DEVICE_STATE), RefreshRequestElement.itemIdFor(ownEid));
        // On the merge thread, after the items fetched during set-up: the digests then cover all of them.
        mergeExecutor.execute(() -> publisher.submit(key,
                new RefreshRequestElement(ownEid, nonce, Digests.heldPerSite(devices, mailboxes, ownEid)),
                PublishReason.REFRESH_REQUEST));
    }

    private void publishFailed(PublishKey key, Throwable error) {
        if (PubSubErrors.condition(error) == StanzaError.Condition.item_not_found && isOwnNode(key.node())) {
            rateLimited.warn("publish:" + key.node(), "[{}] our node {} at {} is gone (deleted, or lost by the server): "
                    + "creating it again; the item is sent again", client.name(), key.node(), pubsub.service());
        } else {
            rateLimited.warn("publish:" + key.node(), "[{}] {}; will retry", client.name(),
                    PubSubErrors.explain("publish of item '" + key.itemId() + "'", key.node(),
                            pubsub.service().toString(), client.jid().toString(), error));
        }
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
        if (message.getFrom() == null || !pubsub.service().equals(message.getFrom().asBareJid())
                && !(layout.pep() && isBuddy(message.getFrom()))
                && !buddyServices.isServiceOfABuddy(message.getFrom().asBareJid(), client.buddies())) {
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
                String node = event.getEvent() == null ? null : event.getEvent().getNode();
                WatchedNode watched = node == null ? null
                        : watchedByName.get(layout.eventKey(message.getFrom().asBareJid(), node));
                if (event.getEventType() == EventElementType.delete && watched != null) {
                    // Our subscription died with the node: without a new one this site would never hear from
                    // the node again, even after its owner creates it anew.
                    rateLimited.warn("deleted:" + node, "[{}] node {} was deleted at {}; statefed keeps the states "
                            + "it knows and subscribes again when the node is back (looking after {} s, then less "
                            + "and less often)", client.name(), node, message.getFrom(),
                            Backoff.CONNECT.delay(1).toSeconds());
                    onSession(() -> {
                        missingNodes.add(watched.key());
                        schedule(() -> resubscribeDeleted(watched, 1), Backoff.CONNECT.delay(1));
                    });
                } else {
                    rateLimited.warn("purge:" + node, "[{}] ignored a {} event for node {} from {}: statefed keeps "
                            + "the states it knows (sites republish on reconnect)", client.name(),
                            event.getEventType(), node, message.getFrom());
                }
            }
            return;
        }
        ItemsExtension items = (ItemsExtension) event.getEvent();
        WatchedNode node = watchedByName.get(layout.eventKey(message.getFrom().asBareJid(), items.getNode()));
        if (node == null) {
            if (!isOwnNode(items.getNode()) || layout.pep() && !pubsub.service().equals(message.getFrom().asBareJid())) {
                counters.increment(Counters.Counter.NOT_A_BUDDY);
                rateLimited.warn("unwatched:" + items.getNode(), "[{}] ignored items on node {}, which belongs to no "
                        + "buddy of this account", client.name(), items.getNode());
            }
            return;
        }
        if (!sourceOf(node).service().equals(message.getFrom().asBareJid())) {
            // A buddy's service speaks only for the nodes of the buddies it hosts.
            counters.increment(Counters.Counter.NOT_A_BUDDY);
            rateLimited.warn("event-from:" + message.getFrom(), "[{}] dropped items on node {} sent by {}, which "
                    + "does not host that node", client.name(), items.getNode(), message.getFrom());
            return;
        }
        for (Object element : items.getItems()) {
            if (element instanceof RetractItem) {
                counters.increment(Counters.Counter.RETRACTS_IGNORED);
            } else if (element instanceof Item item) {
                ReceivedItem received = ReceivedItem.live(node, item.getId(), payloadOf(item), publisherOf(item));
                publisherWatch.observed(received);
                merger.merge(received);
            }
        }
    }

    /**
     * Counts an event as a stanza of the buddy whose items it carries, as it arrives (before our merge queue):
     * the owner of a watched node, when the event comes from the service that hosts it; on a shared node,
     * the publishers the service names. Everything else is checked, counted or dropped by {@link #onEvent}.
     */
    private void heardFromPublisherOf(Message message) {
        EventElement event = message.getExtension(EventElement.class);
        if (message.getFrom() == null || event == null || event.getEventType() != EventElementType.items) {
            return;
        }
        ItemsExtension items = (ItemsExtension) event.getEvent();
        BareJid from = message.getFrom().asBareJid();
        WatchedNode node = watchedByName.get(layout.eventKey(from, items.getNode()));
        if (node == null || !sourceOf(node).service().equals(from)) {
            return;
        }
        if (node.owner().isPresent()) {
            traffic.heard(node.owner().get());
            return;
        }
        for (Object element : items.getItems()) {
            if (element instanceof Item item) {
                publisherOf(item).ifPresent(traffic::heard);
            }
        }
    }

    /** Whether {@code jid}'s bare JID is one of this account's buddies (a PEP service in the pep layout). */
    private boolean isBuddy(Jid jid) {
        EntityBareJid bare = jid.asEntityBareJidIfPossible();
        return bare != null && client.buddies().contains(bare);
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
        return scheduleOn(session, task, delay);
    }

    private static Scheduler.Cancellable scheduleOn(ScheduledExecutorService executor, Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
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
        return layout.layout();
    }
}
