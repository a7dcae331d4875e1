package org.statefed.corosync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.statefed.config.CorosyncConfig;
import org.statefed.config.CorosyncEventType;
import org.statefed.corosync.codec.ClusterDiscovery;
import org.statefed.corosync.codec.CorosyncEvent;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventType;
import org.statefed.corosync.codec.MwiUpdate;
import org.statefed.corosync.codec.Ping;
import org.statefed.corosync.cpg.CpgException;
import org.statefed.corosync.cpg.CpgListener;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.Membership;
import org.statefed.link.RateLimitedLog;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.Link;
import org.statefed.node.LinkContext;
import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.node.MailboxUpdate;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * A member of one Corosync CPG group that speaks res_corosync: device states and MWI in both directions,
 * each with its original entity id, the cache dump when a member joins, cluster discovery and ping as
 * Asterisk sends them.
 *
 * <p>Threads: the CPG dispatch thread only hands deliveries, membership changes and its failure to the
 * link's worker, where the membership's {@link Inbound} decodes, keeps the member table and hands what
 * it learns to the hub's merge executor. {@code send*} only queue into the {@link Outbox}; its own sender thread multicasts, so a busy
 * corosync never stalls the hub. Joining is retried with {@link JoinBackoff} while corosync is missing
 * or after it went away; every join brings a discovery, and the membership change that lists us as
 * joined brings the dump, as in res_corosync.
 */
public final class CorosyncLink implements Link, CorosyncView {
    private static final Logger LOG = LoggerFactory.getLogger(CorosyncLink.class);
    /** One line per kind of bad message and interval, whatever a member floods the group with. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    /** How long the sender waits after corosync said TRY_AGAIN through all of libcpg's own retries. */
    static final Duration TRY_AGAIN_DELAY = Duration.ofSeconds(1);

    private final CorosyncConfig config;
    private final CpgTransport transport;
    private final JoinBackoff backoff;
    private final Worker worker;
    private final Worker sender;
    private final String localAddress;
    private final CorosyncCounters counters = new CorosyncCounters();
    private final AtomicBoolean started = new AtomicBoolean();
    /** What this link has sent, so that only those are withdrawn when the hub forgets them. */
    private final Set<Outbox.Key> sentKeys = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    private volatile LinkContext context;
    private volatile Outbox outbox;
    private volatile RateLimitedLog badInput;
    private volatile CpgTransport.Connection connection;
    private volatile List<CpgMember> membersView = List.of();
    private volatile String stateText = "Not started";

    // The worker's alone.
    private final Members members = new Members();
    /** What the current membership of the group hears; null while not joined. */
    private Inbound inbound;
    private long generation;
    private int failedAttempts;
    private boolean downLogged;

    /** A link through the system's libcpg, on threads of its own, retrying with {@link JoinBackoff#DEFAULT}. */
    public CorosyncLink(CorosyncConfig config) {
        this(config, new LibCpgTransport(), JoinBackoff.DEFAULT);
    }

    public CorosyncLink(CorosyncConfig config, CpgTransport transport, JoinBackoff backoff) {
        this(config, transport, backoff, new ThreadWorker("corosync-" + config.name()),
                new ThreadWorker("corosync-" + config.name() + "-send"), LocalAddress.guess());
    }

    CorosyncLink(CorosyncConfig config, CpgTransport transport, JoinBackoff backoff, Worker worker, Worker sender,
            String localAddress) {
        this.config = Objects.requireNonNull(config, "config");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public LinkKind kind() {
        return LinkKind.COROSYNC;
    }

    @Override
    public void start(LinkContext linkContext) {
        Objects.requireNonNull(linkContext, "context");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("[" + name() + "] the Corosync link is already started");
        }
        context = linkContext;
        badInput = new RateLimitedLog(LOG, linkContext.clock(), LOG_INTERVAL);
        outbox = new Outbox(name(), sender, () -> connection, TRY_AGAIN_DELAY, counters, badInput);
        stateText = "Joining";
        worker.execute(this::join);
    }

    @Override
    public void sendDeviceState(DeviceStateUpdate update) {
        if (!config.publishes(CorosyncEventType.DEVICE_STATE)) {
            return;
        }
        event(() -> new DeviceStateChange(update.device(), update.state(), update.cachable(), update.eid()),
                update.device()).ifPresent(this::offerRemembered);
    }

    @Override
    public void sendMailbox(MailboxUpdate update) {
        if (!config.publishes(CorosyncEventType.MWI)) {
            return;
        }
        event(() -> MwiUpdate.of(update.mailbox(), update.counts(), update.eid()), update.mailbox())
                .ifPresent(this::offerRemembered);
    }

    /**
     * res_corosync has no message that removes a state, so a state this link sent is withdrawn by sending
     * it as INVALID: Asterisk's device state aggregate ranks INVALID lowest and starts from it, so an
     * INVALID entry weighs exactly as much as none (a WAN site gone stale stops showing on the LAN).
     */
    @Override
    public void forgetDeviceState(String device, EntityId eid) {
        if (config.publishes(CorosyncEventType.DEVICE_STATE)
                && sentKeys.remove(new Outbox.Key(EventType.DEVICE_STATE_CHANGE, device, eid))) {
            event(() -> new DeviceStateChange(device, DeviceState.INVALID, true, eid), device).ifPresent(this::offer);
        }
    }

    // forgetMailbox stays the default no-op: Asterisk's MWI cache has no aggregate (whatever message a
    // subscriber gets last is what the phone shows), so "0 new, 0 old" for a stale eid could blank the lamp
    // of a mailbox another server still reports.

    /** Sends a PING with this node's entity id, as {@code corosync ping} does; members log it. */
    public void ping() {
        LinkContext linkContext = context;
        if (linkContext != null) {
            LOG.info("[{}] Sending event PING from this server with EID: '{}'", name(), linkContext.ownEid());
            offer(new Ping(linkContext.ownEid()));
        }
    }

    private Optional<CorosyncEvent> event(java.util.function.Supplier<CorosyncEvent> build, String name) {
        try {
            return Optional.of(build.get());
        } catch (IllegalArgumentException e) {
            counters.unsendable.incrementAndGet();
            RateLimitedLog log = badInput;
            if (log != null) {
                log.warn("unsendable", "[{}] cannot send '{}' to CPG group \"{}\": {}", name(), name, config.group(),
                        e.getMessage());
            }
            return Optional.empty();
        }
    }

    private void offerRemembered(CorosyncEvent event) {
        if (outbox != null && !stopping && event.type() == EventType.DEVICE_STATE_CHANGE) {
            sentKeys.add(Outbox.Key.of(event));
        }
        offer(event);
    }

    private void offer(CorosyncEvent event) {
        Outbox box = outbox;
        if (box != null && !stopping) {
            box.offer(event);
        }
    }

    @Override
    public void stop(Duration timeout) {
        if (!started.get() || stopping) {
            stopping = true;
            return;
        }
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        worker.execute(this::leave);
        boolean workerEnded = worker.shutdown(timeout.dividedBy(2));
        boolean senderEnded = sender.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (!workerEnded) {
            // The worker is stuck (a listener call, a join in progress): close from here; close is idempotent.
            closeConnection();
        }
        if (!workerEnded || !senderEnded) {
            LOG.warn("[{}] the Corosync link's threads did not end within {}", name(), timeout);
        }
        stateText = "Stopped";
    }

    @Override
    public LinkStatus status() {
        List<CpgMember> now = membersView;
        CpgTransport.Connection joined = connection;
        Optional<CpgMember> self = joined == null ? Optional.empty() : Optional.of(joined.self());
        int others = (int) now.stream().filter(m -> self.map(s -> !s.equals(m)).orElse(true)).count();
        List<String> detail = new ArrayList<>();
        detail.add("group " + config.group() + (self.map(s -> " as " + s).orElse("")));
        detail.add("publish_event " + words(config.publish()) + ", subscribe_event " + words(config.subscribe()));
        detail.add(counters.toString());
        return new LinkStatus(name(), kind(), stateText, joined != null, others, detail);
    }

    private static String words(Set<CorosyncEventType> events) {
        return events.isEmpty() ? "none" : String.join(" ", events.stream().map(CorosyncEventType::keyword).toList());
    }

    @Override
    public CorosyncConfig config() {
        return config;
    }

    @Override
    public List<CpgMember> members() {
        return membersView;
    }

    @Override
    public Optional<CpgMember> self() {
        CpgTransport.Connection joined = connection;
        return joined == null ? Optional.empty() : Optional.of(joined.self());
    }

    @Override
    public CorosyncCounters counters() {
        return counters;
    }

    // ---- on the worker ----

    private void join() {
        if (stopping) {
            return;
        }
        long joinGeneration = ++generation;
        CpgTransport.Connection joined;
        try {
            joined = transport.join(config.group(), new Listener(joinGeneration));
        } catch (CpgException | RuntimeException | LinkageError e) {
            failedAttempts++;
            Duration delay = backoff.delay(failedAttempts);
            if (!downLogged) {
                downLogged = true;
                LOG.warn("[{}] cannot join CPG group \"{}\": {}; trying again in {} s, then at most every {} s",
                        name(), config.group(), e.getMessage(), delay.toSeconds(), backoff.max().toSeconds());
                if (!(e instanceof CpgException)) {
                    LOG.debug("[{}] the join failed with", name(), e);
                }
            } else {
                LOG.debug("[{}] join attempt {} failed: {}", name(), failedAttempts, e.getMessage());
            }
            stateText = "Retrying in " + delay.toSeconds() + " s";
            worker.schedule(this::join, delay);
            return;
        }
        connection = joined;
        inbound = new Inbound(config, context, counters, badInput, members, joined.self(),
                () -> offer(ownDiscovery(joined)));
        counters.joins.incrementAndGet();
        stateText = "Joined";
        if (counters.joins() == 1 && failedAttempts == 0) {
            LOG.info("[{}] joined CPG group \"{}\" as {}", name(), config.group(), joined.self());
        } else {
            LOG.info("[{}] corosync is back: joined CPG group \"{}\" as {} ({} failed attempts before)", name(),
                    config.group(), joined.self(), failedAttempts);
        }
        failedAttempts = 0;
        downLogged = false;
        offer(ownDiscovery(joined));
    }

    private ClusterDiscovery ownDiscovery(CpgTransport.Connection joined) {
        return new ClusterDiscovery(joined.self().nodeId(), localAddress, context.ownEid());
    }

    private void delivered(long ofGeneration, CpgMember from, byte[] payload) {
        if (ofGeneration == generation && inbound != null) {
            inbound.delivered(from, payload);
        }
    }

    private void membershipChanged(long ofGeneration, Membership membership) {
        if (ofGeneration != generation || inbound == null) {
            return;
        }
        inbound.membershipChanged(membership);
        membersView = membership.members();
        if (!membership.joined().isEmpty()) {
            LOG.info("[{}] {} joined CPG group \"{}\": sending the cache dump", name(),
                    membership.joined().stream().map(a -> a.member().toString()).toList(), config.group());
            dump();
        }
    }

    /** Every state this link may carry, MWI first, as res_corosync dumps its cache when a member joins. */
    private void dump() {
        boolean mwi = config.publishes(CorosyncEventType.MWI);
        boolean deviceState = config.publishes(CorosyncEventType.DEVICE_STATE);
        if (!mwi && !deviceState) {
            return;
        }
        counters.dumps.incrementAndGet();
        LinkContext linkContext = context;
        // On the merge executor: the tables are read in order with what is being learned.
        linkContext.mergeExecutor().execute(() -> {
            List<MailboxUpdate> mailboxes = mwi ? linkContext.mailboxesFor() : List.of();
            List<DeviceStateUpdate> devices = deviceState ? linkContext.deviceStatesFor() : List.of();
            LOG.info("[{}] Sending {} events of type mwi and {} of type device_state to corosync", name(),
                    mailboxes.size(), devices.size());
            mailboxes.forEach(this::sendMailbox);
            devices.forEach(this::sendDeviceState);
        });
    }

    private void lost(long ofGeneration, CpgException failure) {
        if (ofGeneration != generation || inbound == null) {
            return;
        }
        generation++;
        closeConnection();
        membersView = List.of();
        Set<EntityId> gone = inbound.lost();
        inbound = null;
        LOG.warn("[{}] lost CPG group \"{}\": {}; {} entity ids go stale unless it comes back; joining again in {} s",
                name(), config.group(), failure.getMessage(), gone.size(), backoff.initial().toSeconds());
        downLogged = true;
        failedAttempts = 0;
        stateText = "Retrying in " + backoff.initial().toSeconds() + " s";
        worker.schedule(this::join, backoff.initial());
    }

    private void leave() {
        generation++;
        inbound = null;
        closeConnection();
        membersView = List.of();
    }

    private void closeConnection() {
        CpgTransport.Connection joined = connection;
        connection = null;
        if (joined != null) {
            joined.close();
        }
    }

    /** Called on the CPG dispatch thread: only hands over to the worker. */
    private final class Listener implements CpgListener {
        private final long ofGeneration;

        Listener(long ofGeneration) {
            this.ofGeneration = ofGeneration;
        }

        @Override
        public void onMessage(CpgMember sender, byte[] payload) {
            worker.execute(() -> delivered(ofGeneration, sender, payload));
        }

        @Override
        public void onMembership(Membership membership) {
            worker.execute(() -> membershipChanged(ofGeneration, membership));
        }

        @Override
        public void onDispatchFailed(CpgException failure) {
            worker.execute(() -> lost(ofGeneration, failure));
        }
    }
}
