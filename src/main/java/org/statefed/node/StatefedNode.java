package org.statefed.node;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.ClientConfig;
import org.statefed.config.StatefedConfig;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.Hint;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.state.Origin;
import org.statefed.store.StateRestorer;
import org.statefed.store.StateStore;
import org.statefed.store.StoreWriter;
import org.statefed.wire.AsteriskProviders;
import org.statefed.wire.ItemDecoder;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.RemoteSite;
import org.statefed.xmpp.SiteConnection;
import org.statefed.xmpp.XmppLink;

/**
 * One statefed node, a hub of links around the state tables: one {@link XmppLink} per distributing client
 * section, plus whatever other links it is given (Corosync, SIP publication); the {@link Router} sends what
 * each link learns to the others by the forwarding rules, and {@link Staleness} drops the entity ids of peers
 * that left. This is the Java API that feeds (and the admin commands) drive: {@link #changeDeviceState} and
 * {@link #updateMailbox}.
 */
public final class StatefedNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatefedNode.class);
    private static final Duration TEARDOWN_RESERVE = Duration.ofMillis(100);
    /** At most this much of a stop is kept for the last flush of the state file (one MVStore commit). */
    private static final Duration STORE_FLUSH_RESERVE = Duration.ofMillis(500);

    private final StatefedConfig config;
    private final EntityId entityId;
    private final Clock clock;
    private final DeviceStateTable devices;
    private final HintTable hints;
    private final MwiTable mailboxes;
    private final Counters counters = new Counters();
    private final List<XmppLink> xmppLinks = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Router router;
    private final Staleness staleness;
    /**
     * Entity ids restored from the state file that no XMPP site is stored for (LAN servers, e.g.) and no link
     * has heard since start: they go stale from start unless a link hears them.
     */
    private final Set<EntityId> restoredUnheard = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor staleTimers;
    private final ThreadPoolExecutor mergeThread;
    private final Optional<StoreWriter> storeWriter;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Object localChanges = new Object();
    private volatile boolean acceptingChanges = true;

    /** How often changed entries are written to the state file (the most a crash can lose). */
    public static final Duration STORE_INTERVAL = Duration.ofMillis(100);

    /** A node that keeps nothing across restarts (the demo, tests that do not restart). */
    public StatefedNode(StatefedConfig config, Clock clock) {
        this(config, clock, Optional.empty());
    }

    /**
     * A node that restores what {@code store} holds into its tables now, before it connects, and keeps
     * the store in step from {@link #start()} on; {@link #stop} closes the store.
     */
    public StatefedNode(StatefedConfig config, Clock clock, StateStore store) {
        this(config, clock, Optional.of(store));
    }

    private StatefedNode(StatefedConfig config, Clock clock, Optional<StateStore> store) {
        this(config, clock, store, List.of());
    }

    /**
     * A node with links besides its XMPP accounts (a bridge: Corosync, SIP publication), built by the caller
     * from their config sections; the node starts and stops them with the XMPP links.
     *
     * @param store the state file, if the node keeps its state across restarts
     */
    public StatefedNode(StatefedConfig config, Clock clock, Optional<StateStore> store, List<Link> otherLinks) {
        AsteriskProviders.register();
        this.config = config;
        this.entityId = config.general().entityId();
        this.clock = clock;
        this.devices = new DeviceStateTable(clock);
        this.hints = new HintTable(devices);
        this.mailboxes = new MwiTable(clock);
        config.hints().forEach((name, list) -> hints.put(Hint.parse(name, list)));
        this.mergeThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "statefed-merge");
            t.setDaemon(true);
            return t;
        });
        for (ClientConfig client : config.distributingClients()) {
            xmppLinks.add(new XmppLink(client, config.general(), entityId, devices, mailboxes, counters, localChanges,
                    this::merge, clock));
        }
        links.addAll(xmppLinks);
        links.addAll(otherLinks);
        this.router = new Router(entityId, links,
                eid -> xmppLinks.stream().anyMatch(link -> link.connection().isBuddysOwn(eid)));
        this.staleTimers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "statefed-stale");
            t.setDaemon(true);
            return t;
        });
        staleTimers.setRemoveOnCancelPolicy(true);
        this.staleness = new Staleness(config.general().staleTimeout(), this::scheduleStale, this::merge,
                this::dropStale);
        // Before the store's listener: what a restore puts back is not news to the links (restore fires no
        // entry events anyway), and the router's view of first-seen reach starts with the live entries.
        router.attach(devices, mailboxes);
        this.storeWriter = store.map(s -> restoreFrom(s, clock));
        router.restored(devices, mailboxes);
    }

    private StoreWriter restoreFrom(StateStore store, Clock clock) {
        Set<String> buddies = new HashSet<>();
        config.distributingClients().forEach(c -> c.buddies().forEach(b -> buddies.add(b.toString())));
        StateRestorer.Restored restored = StateRestorer.restore(store.restored(), entityId, buddies::contains, devices,
                mailboxes, clock, store.file().toString());
        devices.snapshot().forEach(device -> device.entries().forEach(entry -> {
            if (entry.restored()) {
                restoredUnheard.add(entry.eid());
            }
        }));
        mailboxes.snapshot().forEach(mailbox -> mailbox.entries().forEach(entry -> {
            if (entry.restored()) {
                restoredUnheard.add(entry.eid());
            }
        }));
        restoredUnheard.remove(entityId);
        // An XMPP site's restored entries go stale through its account (it knows whether the site comes back).
        restoredUnheard.removeAll(restored.sites().keySet());
        restored.sites().forEach((eid, buddy) -> {
            try {
                EntityBareJid jid = JidCreate.entityBareFrom(buddy);
                sites().forEach(site -> site.restoreSite(jid, eid));
            } catch (XmppStringprepException e) {
                LOG.warn("state_file {}: ignored the stored site '{}' of entity id {}: not a JID ({})", store.file(),
                        buddy, eid, e.getMessage());
            }
        });
        return new StoreWriter(store, devices, mailboxes, this::knownSites, STORE_INTERVAL);
    }

    /** Which buddy each remote entity id belongs to, as the connections know now. */
    private Map<EntityId, String> knownSites() {
        Map<EntityId, String> out = new HashMap<>();
        for (SiteConnection site : sites()) {
            for (RemoteSite remote : site.remoteSites()) {
                remote.eid().ifPresent(eid -> out.put(eid, remote.jid().toString()));
            }
        }
        return out;
    }

    /**
     * Runs one merge task on the merge thread. The boundary of that thread: a failure is logged, never
     * lost and never the end of merging; events still arriving after {@link #stop} are dropped.
     */
    private void merge(Runnable task) {
        if (mergeThread.isShutdown()) {
            return;
        }
        try {
            mergeThread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("unexpected failure while merging received items", e);
                }
            });
        } catch (RejectedExecutionException stopped) {
            LOG.debug("merge task dropped: the node is stopping");
        }
    }

    private Runnable scheduleStale(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = staleTimers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException stopped) {
            return () -> { };
        }
    }

    /**
     * The stale rule's end for one entity id, on the merge thread: its entries that came from the link that
     * saw its peer leave (or from the state file) go; entries another link confirmed since stay (a WAN site
     * whose states another bridge also relayed onto our LAN is still there when that bridge leaves the LAN).
     */
    private void dropStale(EntityId eid, String link) {
        for (Link other : links) {
            if (!other.name().equals(link) && other.hears(eid)) {
                LOG.info("[{}] entity id {} left this link more than stale_timeout={} s ago, but [{}] still hears it: "
                        + "its states are kept", link, eid, config.general().staleTimeout().toSeconds(), other.name());
                return;
            }
        }
        // (Set.of would throw for the restored timer's own link name: a set, not a pair.)
        Set<Origin> origins = new HashSet<>(List.of(new Origin(link), Origin.RESTORED));
        int d = devices.removeEntity(eid, origins);
        int m = mailboxes.removeEntity(eid, origins);
        if (devices.statesOf(eid).isEmpty() && mailboxes.countsOf(eid).isEmpty()) {
            router.forget(eid);
        }
        if (restoredUnheard.remove(eid)) {
            LOG.info("entity id {} restored from the state file was heard on no link within stale_timeout={} s of the "
                    + "start: dropped its {} device states and {} mailboxes", eid,
                    config.general().staleTimeout().toSeconds(), d, m);
            return;
        }
        LOG.info("[{}] entity id {} left more than stale_timeout={} s ago: dropped its {} device states and {} "
                + "mailboxes", link, eid, config.general().staleTimeout().toSeconds(), d, m);
    }

    /** Starts every link in the background (each joins its peers, retrying with backoff). */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("node already started");
        }
        storeWriter.ifPresent(writer -> writer.start(entityId));
        if (!restoredUnheard.isEmpty()) {
            // Nothing else would ever let them go: a LAN server that never comes back after our restart
            // leaves no link that could say it left.
            staleness.gone(Set.copyOf(restoredUnheard), Origin.RESTORED.link());
        }
        for (Link link : links) {
            link.start(new Context(link));
        }
    }

    /** A change of one of this site's devices; shared with the cluster. */
    public void changeDeviceState(String device, DeviceState state, boolean cachable) {
        requireAccepting();
        requireName("device name", ItemDecoder.itemIdProblem(device));
        // Publishing here, on the caller's thread, rather than from a table listener (which runs under
        // the device's lock and must only enqueue) lets the publisher send at once; the lock keeps the
        // publishes of concurrent local changes in the order the table applied them.
        synchronized (localChanges) {
            if (devices.update(device, entityId, state, cachable, Origin.LOCAL)) {
                router.sendLocal(new DeviceStateUpdate(device, entityId, state, cachable));
            }
        }
    }

    public void changeDeviceState(String device, DeviceState state) {
        changeDeviceState(device, state, true);
    }

    /** New message counts of one of this site's mailboxes ({@code mailbox@context}). */
    public void updateMailbox(String mailbox, int newMessages, int oldMessages) {
        requireAccepting();
        requireName("mailbox", ItemDecoder.itemIdProblem(mailbox));
        MwiCounts counts = new MwiCounts(newMessages, oldMessages);
        synchronized (localChanges) {
            boolean changed = !mailboxes.counts(mailbox, entityId).equals(Optional.of(counts));
            mailboxes.update(mailbox, entityId, counts, Origin.LOCAL);
            if (changed) {
                router.sendLocal(new MailboxUpdate(mailbox, entityId, counts));
            }
        }
    }

    /**
     * Refuses, at the caller, a name no buddy would accept (control, bidi or invisible characters,
     * more than 256 characters), rather than failing later on the publisher's thread.
     */
    private static void requireName(String what, String problem) {
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + what + ": it " + problem);
        }
    }

    private void requireAccepting() {
        if (!acceptingChanges) {
            throw new IllegalStateException("statefed is shutting down and accepts no more changes");
        }
    }

    /**
     * Stops accepting changes, flushes publishes and stops every link, returning within {@code timeout}
     * whatever the servers and peers do (see {@link SiteConnection#stop}). Links stop side by side, each with
     * the whole timeout: one unanswering server must not eat another link's time to say goodbye.
     */
    public void stop(Duration timeout) {
        acceptingChanges = false;
        long end = System.nanoTime() + timeout.toNanos();
        // The last part of the timeout is kept for flushing the state file, so that what the sites and
        // merges did still reaches the disk and the whole stop stays within the timeout.
        Duration flushReserve = storeWriter.isPresent()
                ? Collections.min(List.of(timeout.dividedBy(4), STORE_FLUSH_RESERVE)) : Duration.ZERO;
        Duration linkTimeout = timeout.minus(flushReserve);
        long deadline = end - flushReserve.toNanos();
        // Each site's waits end at its own deadline, then it closes its socket and ends its threads (which
        // does not block but takes a moment): the reserve keeps that moment inside our timeout.
        Duration siteTimeout = linkTimeout.minus(Collections.min(List.of(linkTimeout.dividedBy(10), TEARDOWN_RESERVE)));
        staleTimers.shutdownNow();
        List<Thread> stopping = new ArrayList<>();
        for (Link link : links) {
            Thread thread = new Thread(() -> stopLink(link, siteTimeout), "statefed-" + link.name() + "-stop");
            thread.setDaemon(true);
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (int i = 0; i < stopping.size(); i++) {
            if (stopping.get(i).isAlive()) {
                LOG.warn("[{}] still closing when the stop timeout of {} ms ran out", links.get(i).name(),
                        timeout.toMillis());
            }
        }
        mergeThread.shutdown();
        try {
            mergeThread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Last: what the merges still changed goes into the file too, in the time kept for it.
        storeWriter.ifPresent(writer -> writer.stop(
                Duration.ofNanos(Math.max(flushReserve.toNanos(), end - System.nanoTime()))));
    }

    /** The boundary of a link's stop: whatever it throws is logged, and the other links still stop. */
    private static void stopLink(Link link, Duration timeout) {
        try {
            link.stop(timeout);
        } catch (RuntimeException e) {
            LOG.error("[{}] failed while stopping", link.name(), e);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    public StatefedConfig config() {
        return config;
    }

    public EntityId entityId() {
        return entityId;
    }

    public DeviceStateTable devices() {
        return devices;
    }

    public HintTable hints() {
        return hints;
    }

    public MwiTable mailboxes() {
        return mailboxes;
    }

    public Counters counters() {
        return counters;
    }

    /** The XMPP sessions, for the XMPP-only admin commands; anything link-neutral uses {@link #linkStatuses}. */
    public List<SiteConnection> sites() {
        return xmppLinks.stream().map(XmppLink::connection).toList();
    }

    /** Every link of this node: the XMPP accounts first, in config order, then the others. */
    public List<Link> links() {
        return List.copyOf(links);
    }

    /** What each link says about itself, in {@link #links()} order. */
    public List<LinkStatus> linkStatuses() {
        return links.stream().map(Link::status).toList();
    }

    /** True once every link has joined its peers and resynced (tests and the demo wait for it). */
    public boolean ready() {
        return links.stream().allMatch(link -> link.status().ready());
    }

    /** The forwarding rules at work, for tests and the admin commands (what this node bridges). */
    public Router router() {
        return router;
    }

    /** The link-neutral stale rule, for tests and the admin commands. */
    public Staleness staleness() {
        return staleness;
    }

    /** Received items waiting for the merge thread (a gauge of the metrics). */
    public int mergeBacklog() {
        return mergeThread.getQueue().size();
    }

    /** The state file's writer, when the node keeps one (for the metrics). */
    public Optional<StoreWriter> storeWriter() {
        return storeWriter;
    }

    /** Aggregate of every device, for tests and `devstate list`. */
    public Map<String, DeviceState> aggregates() {
        Map<String, DeviceState> out = new java.util.TreeMap<>();
        devices.snapshot().forEach(s -> out.put(s.device(), s.aggregate()));
        return out;
    }

    /**
     * What one link gets from the hub: everything it learns is tagged with it as the origin, and what it
     * may carry is what the router lets it.
     */
    private final class Context implements LinkContext {
        private final Link link;
        private final Origin origin;

        Context(Link link) {
            this.link = link;
            this.origin = new Origin(link.name());
        }

        @Override
        public EntityId ownEid() {
            return entityId;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public Executor mergeExecutor() {
            return StatefedNode.this::merge;
        }

        @Override
        public boolean learnDeviceState(String device, EntityId eid, DeviceState state, boolean cachable) {
            if (eid.equals(entityId)) {
                // Our own state coming back (a peer echoing it): this site is the only source of truth for it.
                return false;
            }
            heard(eid);
            return devices.update(device, eid, state, cachable, origin);
        }

        @Override
        public boolean learnMailbox(String mailbox, EntityId eid, MwiCounts counts) {
            if (eid.equals(entityId)) {
                return false;
            }
            heard(eid);
            return mailboxes.update(mailbox, eid, counts, origin);
        }

        @Override
        public void peersGone(Set<EntityId> eids) {
            staleness.gone(eids, link.name());
        }

        @Override
        public void peersBack(Set<EntityId> eids) {
            restoredUnheard.removeAll(eids);
            staleness.back(eids);
        }

        /** A link hears an entity id restored at start: its restored entries no longer go stale from start. */
        private void heard(EntityId eid) {
            if (!restoredUnheard.isEmpty() && restoredUnheard.remove(eid)) {
                staleness.back(Set.of(eid));
            }
        }

        @Override
        public List<DeviceStateUpdate> deviceStatesFor() {
            return router.deviceStatesFor(link, devices);
        }

        @Override
        public List<MailboxUpdate> mailboxesFor() {
            return router.mailboxesFor(link, mailboxes);
        }
    }
}
