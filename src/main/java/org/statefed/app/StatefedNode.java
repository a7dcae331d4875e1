package org.statefed.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
import org.statefed.wire.AsteriskProviders;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.LocalStateSource;
import org.statefed.xmpp.SiteConnection;

/**
 * One statefed node: the state tables, one {@link SiteConnection} per distributing client section, and
 * the path from a local change to the publishers. This is the Java API that feeds (and the admin
 * commands) drive: {@link #changeDeviceState} and {@link #updateMailbox}.
 */
public final class StatefedNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatefedNode.class);
    private static final Duration TEARDOWN_RESERVE = Duration.ofMillis(100);

    private final StatefedConfig config;
    private final EntityId entityId;
    private final DeviceStateTable devices;
    private final HintTable hints;
    private final MwiTable mailboxes;
    private final Counters counters = new Counters();
    private final List<SiteConnection> sites = new ArrayList<>();
    private final ThreadPoolExecutor mergeThread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Object localChanges = new Object();
    private volatile boolean acceptingChanges = true;

    public StatefedNode(StatefedConfig config, Clock clock) {
        AsteriskProviders.register();
        this.config = config;
        this.entityId = config.general().entityId();
        this.devices = new DeviceStateTable(clock);
        this.hints = new HintTable(devices);
        this.mailboxes = new MwiTable(clock);
        config.hints().forEach((name, list) -> hints.put(Hint.parse(name, list)));
        this.mergeThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "statefed-merge");
            t.setDaemon(true);
            return t;
        });
        LocalStateSource local = new LocalStateSource(entityId, devices, mailboxes);
        for (ClientConfig client : config.distributingClients()) {
            sites.add(new SiteConnection(client, config.general(), entityId, devices, mailboxes, counters, local,
                    this::merge, clock));
        }
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

    /** Connects every site in the background. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("node already started");
        }
        sites.forEach(SiteConnection::start);
    }

    /** A change of one of this site's devices; shared with the cluster. */
    public void changeDeviceState(String device, DeviceState state, boolean cachable) {
        requireAccepting();
        // Publishing here, on the caller's thread, rather than from a table listener (which runs under
        // the device's lock and must only enqueue) lets the publisher send at once; the lock keeps the
        // publishes of concurrent local changes in the order the table applied them.
        synchronized (localChanges) {
            if (devices.update(device, entityId, state, cachable)) {
                sites.forEach(site -> site.publishDeviceState(device, state, cachable));
            }
        }
    }

    public void changeDeviceState(String device, DeviceState state) {
        changeDeviceState(device, state, true);
    }

    /** New message counts of one of this site's mailboxes ({@code mailbox@context}). */
    public void updateMailbox(String mailbox, int newMessages, int oldMessages) {
        requireAccepting();
        MwiCounts counts = new MwiCounts(newMessages, oldMessages);
        synchronized (localChanges) {
            boolean changed = !mailboxes.counts(mailbox, entityId).equals(Optional.of(counts));
            mailboxes.update(mailbox, entityId, counts);
            if (changed) {
                sites.forEach(site -> site.publishMailbox(mailbox, counts));
            }
        }
    }

    private void requireAccepting() {
        if (!acceptingChanges) {
            throw new IllegalStateException("statefed is shutting down and accepts no more changes");
        }
    }

    /**
     * Stops accepting changes, flushes publishes and disconnects every site, returning within
     * {@code timeout} whatever the servers and links do (see {@link SiteConnection#stop}). Sites stop side
     * by side, each with the whole timeout: one unanswering server must not eat another site's time to
     * say goodbye.
     */
    public void stop(Duration timeout) {
        acceptingChanges = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        // Each site's waits end at its own deadline, then it closes its socket and ends its threads (which
        // does not block but takes a moment): the reserve keeps that moment inside our timeout.
        Duration siteTimeout = timeout.minus(Collections.min(List.of(timeout.dividedBy(10), TEARDOWN_RESERVE)));
        List<Thread> stopping = new ArrayList<>();
        for (SiteConnection site : sites) {
            Thread thread = new Thread(() -> site.stop(siteTimeout), "statefed-" + site.name() + "-stop");
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
                LOG.warn("[{}] still closing when the stop timeout of {} ms ran out", sites.get(i).name(),
                        timeout.toMillis());
            }
        }
        mergeThread.shutdown();
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

    public List<SiteConnection> sites() {
        return List.copyOf(sites);
    }

    /** Aggregate of every device, for tests and `devstate list`. */
    public Map<String, DeviceState> aggregates() {
        Map<String, DeviceState> out = new java.util.TreeMap<>();
        devices.snapshot().forEach(s -> out.put(s.device(), s.aggregate()));
        return out;
    }
}
