package org.statefed.xmpp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.ClientConfig;
import org.statefed.config.GeneralConfig;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.Link;
import org.statefed.node.LinkContext;
import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.node.MailboxUpdate;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MwiTable;

/**
 * One XMPP account ({@code type=client} section) as a {@link Link} of the hub: a facade over its
 * {@link SiteConnection}. Received items are merged into the tables tagged with this link's name; what the
 * forwarding rules route here is published with its original entity id.
 *
 * <p>This site's own values are published on the caller's thread (the node's local path, outside any
 * table lock: the latency-critical path, as before links existed). Values this site bridges arrive from the
 * router on the thread that changed the table, holding the entry's lock: they are handed to this link's
 * bridge thread, which also runs every republish, so a republish never overtakes a newer bridged value.
 */
public final class XmppLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(XmppLink.class);
    /** Removals come in bursts (an entity id's every device at once): one new presence after the burst. */
    private static final Duration REANNOUNCE_DELAY = Duration.ofMillis(200);

    private final ClientConfig client;
    private final EntityId ownEid;
    private final Object localChanges;
    private final SiteConnection connection;
    private final ScheduledThreadPoolExecutor bridgeThread;
    /** Entity ids our presence announced as bridged; a new one sends the presence again. */
    private final Set<EntityId> announced = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reannounceQueued = new AtomicBoolean();
    private volatile LinkContext context;

    /**
     * @param localChanges the lock the node holds while it applies and sends a local change: a republish
     *                     holds it too, so it cannot interleave with one
     */
    public XmppLink(ClientConfig client, GeneralConfig general, EntityId ownEid, DeviceStateTable devices,
            MwiTable mailboxes, Counters counters, Object localChanges, Executor mergeExecutor, Clock clock) {
        this.client = client;
        this.ownEid = ownEid;
        this.localChanges = localChanges;
        this.bridgeThread = Executors.singleThread("statefed-" + client.name() + "-bridge");
        this.connection = new SiteConnection(client, general, ownEid, devices, mailboxes, counters, new Published(),
                mergeExecutor, clock);
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public LinkKind kind() {
        return LinkKind.XMPP;
    }

    /** The XMPP session behind this link, for the XMPP-only admin commands and tests. */
    public SiteConnection connection() {
        return connection;
    }

    @Override
    public void start(LinkContext context) {
        if (this.context != null) {
            throw new IllegalStateException("[" + client.name() + "] already started");
        }
        this.context = context;
        connection.start();
    }

    @Override
    public void sendDeviceState(DeviceStateUpdate update) {
        if (update.eid().equals(ownEid)) {
            connection.publishDeviceState(update.device(), update.state(), update.cachable());
            return;
        }
        if (connection.isBuddysOwn(update.eid())) {
            return;
        }
        boolean announce = announced.add(update.eid());
        onBridgeThread(() -> {
            if (stillBridged(update.eid())) {
                announceFirst(announce);
                connection.publishDeviceState(update.device(), update.eid(), update.state(), update.cachable());
            }
        });
    }

    @Override
    public void sendMailbox(MailboxUpdate update) {
        if (update.eid().equals(ownEid)) {
            connection.publishMailbox(update.mailbox(), update.counts());
            return;
        }
        if (connection.isBuddysOwn(update.eid())) {
            return;
        }
        boolean announce = announced.add(update.eid());
        onBridgeThread(() -> {
            if (stillBridged(update.eid())) {
                announceFirst(announce);
                connection.publishMailbox(update.mailbox(), update.eid(), update.counts());
            }
        });
    }

    @Override
    public boolean hears(EntityId eid) {
        return connection.hears(eid);
    }

    @Override
    public void forgetDeviceState(String device, EntityId eid) {
        forgotten(eid);
    }

    @Override
    public void forgetMailbox(String mailbox, EntityId eid) {
        forgotten(eid);
    }

    /**
     * A bridged entity id may have lost its last entry (its LAN server went stale here): once the burst of
     * removals is over, the presence is sent again without it, so buddies let its states go too.
     */
    private void forgotten(EntityId eid) {
        if (eid.equals(ownEid) || !announced.contains(eid) || !reannounceQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            bridgeThread.schedule(() -> {
                reannounceQueued.set(false);
                Set<EntityId> before = Set.copyOf(announced);
                if (!new Published().bridged().equals(before)) {
                    connection.announceBridged();
                }
            }, REANNOUNCE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("[{}] no new presence: the link is stopping", client.name());
        }
    }

    @Override
    public void stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        bridgeThread.shutdown();
        connection.stop(timeout);
        bridgeThread.shutdownNow();
        try {
            bridgeThread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public LinkStatus status() {
        int online = (int) connection.buddies().stream().filter(BuddyStatus::online).count();
        boolean ready = connection.linkState() == LinkState.CONNECTED && connection.completedSetups() > 0;
        return new LinkStatus(client.name(), LinkKind.XMPP, connection.linkState().displayText(), ready, online,
                List.of("account " + connection.displayJid(), "buddies " + client.buddies().size(),
                        "bridged entity ids " + announced.size()));
    }

    /**
     * Whether a bridged value handed over earlier is still ours to publish. Not while the session is not ready:
     * its set-up republishes what the hub lets this link carry, read after the buddies' presences came, and
     * a value queued before could be a WAN site's state another bridge relayed onto our LAN before we knew
     * that site's id. Nor when a buddy turned out to speak for that id itself.
     */
    private boolean stillBridged(EntityId eid) {
        return connection.linkState() == LinkState.CONNECTED && !connection.isBuddysOwn(eid);
    }

    /**
     * A bridged entity id our presence did not announce yet: the presence goes on the stream before its first
     * item (same thread, so in that order), since buddies accept its items only once it is announced.
     */
    private void announceFirst(boolean newEid) {
        if (newEid) {
            connection.announceBridgedNow();
        }
    }

    private void onBridgeThread(Runnable task) {
        try {
            bridgeThread.execute(task);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("[{}] bridged value not sent: the link is stopping", client.name());
        }
    }

    /** What this link publishes: everything the forwarding rules let a WAN link carry, read from the hub. */
    private final class Published implements LocalStates {
        @Override
        public List<Device> devices() {
            LinkContext c = context;
            if (c == null) {
                return List.of();
            }
            return c.deviceStatesFor().stream().filter(u -> carries(u.eid()))
                    .map(u -> new Device(u.device(), u.eid(), u.state(), u.cachable())).toList();
        }

        @Override
        public List<Mailbox> mailboxes() {
            LinkContext c = context;
            if (c == null) {
                return List.of();
            }
            return c.mailboxesFor().stream().filter(u -> carries(u.eid()))
                    .map(u -> new Mailbox(u.mailbox(), u.eid(), u.counts())).toList();
        }

        @Override
        public Set<EntityId> bridged() {
            Set<EntityId> eids = new TreeSet<>();
            devices().forEach(d -> eids.add(d.eid()));
            mailboxes().forEach(m -> eids.add(m.eid()));
            eids.remove(ownEid);
            announced.retainAll(eids);
            announced.addAll(eids);
            return eids;
        }

        @Override
        public boolean publishes(EntityId eid) {
            return announced.contains(eid);
        }

        /** Our own states, and bridged ones unless a buddy speaks for that entity id itself. */
        private boolean carries(EntityId eid) {
            return eid.equals(ownEid) || !connection.isBuddysOwn(eid);
        }

        @Override
        public void whileUnchanged(Runnable republish) {
            // On the bridge thread: after every bridged value handed over before, before every later one.
            onBridgeThread(() -> {
                synchronized (localChanges) {
                    republish.run();
                }
            });
        }
    }
}
