package org.statefed.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateListener;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiEntry;
import org.statefed.state.MwiListener;
import org.statefed.state.MwiTable;

/**
 * Keeps the {@link StateStore} in step with the tables without slowing them: the table listeners only
 * mark the changed (device or mailbox, site) as dirty, a set add that coalesces any number of changes
 * to one key; one writer thread, every {@code interval}, writes each dirty key as the table holds it
 * then (or removes it) and commits once. A crash loses at most the changes of the last interval plus
 * the commit in progress; the store's value for a key is always one the table really had.
 *
 * <p>The time stored with an entry is the table's: the last change, or the last update that repeated
 * the value if a change followed it. A restored entry is not rewritten until something changes it.
 */
public final class StoreWriter {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    /** Compact the file every this many commits that wrote something (append-only files grow). */
    private static final int COMPACT_EVERY = 600;
    private static final int COMPACT_MILLIS = 50;

    private enum Kind { DEVICE, MAILBOX }

    private record Key(Kind kind, String name, EntityId eid) {
    }

    private final StateStore store;
    private final DeviceStateTable devices;
    private final MwiTable mailboxes;
    private final Supplier<Map<EntityId, String>> sites;
    private final Duration interval;
    private final ScheduledExecutorService thread;
    private final Set<Key> dirty = ConcurrentHashMap.newKeySet();
    private final DeviceStateListener deviceListener = new DeviceStateListener() {
        @Override
        public void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable) {
            dirty.add(new Key(Kind.DEVICE, device, eid));
        }

        @Override
        public void entryRemoved(String device, EntityId eid) {
            dirty.add(new Key(Kind.DEVICE, device, eid));
        }
    };
    private final MwiListener mailboxListener = new MwiListener() {
        @Override
        public void entryChanged(String mailbox, EntityId eid, MwiCounts counts) {
            dirty.add(new Key(Kind.MAILBOX, mailbox, eid));
        }

        @Override
        public void entryRemoved(String mailbox, EntityId eid) {
            dirty.add(new Key(Kind.MAILBOX, mailbox, eid));
        }
    };
    private final Map<EntityId, String> writtenSites = new HashMap<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong keysWritten = new AtomicLong();
    private boolean failing;
    private boolean started;
    private boolean stopped;

    /**
     * @param sites which buddy JID each remote entity id belongs to, as far as known now
     * @param interval how often dirty keys are written and committed
     */
    public StoreWriter(StateStore store, DeviceStateTable devices, MwiTable mailboxes,
            Supplier<Map<EntityId, String>> sites, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.store = store;
        this.devices = devices;
        this.mailboxes = mailboxes;
        this.sites = sites;
        this.interval = interval;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "statefed-store");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    /** Starts listening and writing; {@code own} is recorded as the file's writer. */
    public synchronized void start(EntityId own) {
        if (started) {
            throw new IllegalStateException("store writer already started");
        }
        started = true;
        store.writer(own);
        devices.addListener(deviceListener);
        mailboxes.addListener(mailboxListener);
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleWithFixedDelay(this::flushOnSchedule, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** How many commits wrote something. */
    public long commits() {
        return commits.get();
    }

    /** How many keys were written or removed in all (coalesced changes count once). */
    public long keysWritten() {
        return keysWritten.get();
    }

    /**
     * Writes every dirty key and commits, on the calling thread.
     *
     * @return how many keys were written or removed
     */
    public synchronized int flush() {
        if (stopped) {
            return 0;
        }
        List<Key> batch = new ArrayList<>();
        for (Iterator<Key> it = dirty.iterator(); it.hasNext(); ) {
            // Removed before the table is read: a change after this read marks the key dirty again.
            batch.add(it.next());
            it.remove();
        }
        boolean sitesChanged = recordSites();
        if (batch.isEmpty() && !sitesChanged) {
            return 0;
        }
        try {
            batch.forEach(this::write);
            store.commit();
        } catch (RuntimeException e) {
            // The keys go back: the next flush writes them again (disk full, I/O error may be passing).
            dirty.addAll(batch);
            writtenSites.clear();
            throw e;
        }
        keysWritten.addAndGet(batch.size());
        if (commits.incrementAndGet() % COMPACT_EVERY == 0) {
            store.compact(COMPACT_MILLIS);
        }
        return batch.size();
    }

    /**
     * Stops writing within {@code timeout}, writes what is still dirty and closes the store. Changes the
     * tables make afterwards are not written.
     */
    public void stop(Duration timeout) {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        devices.removeListener(deviceListener);
        mailboxes.removeListener(mailboxListener);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("state_file {}: the writer did not finish within {} ms", store.file(), timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.error("state_file {}: the last changes could not be written at stop ({})", store.file(),
                        e.getMessage(), e);
            }
            stopped = true;
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.error("state_file {}: closing failed ({})", store.file(), e.getMessage(), e);
            }
        }
    }

    /** The writer thread's boundary: a failed write is logged once per failing streak and retried. */
    private void flushOnSchedule() {
        try {
            flush();
            if (failing) {
                failing = false;
                LOG.info("state_file {}: writing works again", store.file());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.error("state_file {}: cannot write the cluster state ({}); retrying every {} ms, a restart "
                        + "meanwhile forgets the recent changes", store.file(), e.getMessage(), interval.toMillis());
                LOG.debug("state_file {} write failure", store.file(), e);
            }
        }
    }

    private void write(Key key) {
        if (key.kind() == Kind.DEVICE) {
            Optional<EntrySnapshot> entry = devices.snapshot(key.name()).flatMap(s -> s.entries().stream()
                    .filter(e -> e.eid().equals(key.eid())).findFirst());
            if (entry.isPresent()) {
                EntrySnapshot e = entry.get();
                store.putDevice(key.name(), key.eid(), e.state(), e.cachable(), e.updatedAt());
            } else {
                store.removeDevice(key.name(), key.eid());
            }
        } else {
            Optional<MwiEntry> entry = mailboxes.snapshot(key.name()).flatMap(s -> s.entries().stream()
                    .filter(e -> e.eid().equals(key.eid())).findFirst());
            if (entry.isPresent()) {
                store.putMailbox(key.name(), key.eid(), entry.get().counts(), entry.get().updatedAt());
            } else {
                store.removeMailbox(key.name(), key.eid());
            }
        }
    }

    /** Puts the sites whose buddy became known or changed since the last commit; true if any did. */
    private boolean recordSites() {
        boolean changed = false;
        for (Map.Entry<EntityId, String> site : sites.get().entrySet()) {
            if (!site.getValue().equals(writtenSites.get(site.getKey()))) {
                store.putSite(site.getKey(), site.getValue());
                writtenSites.put(site.getKey(), site.getValue());
                changed = true;
            }
        }
        return changed;
    }
}
