package org.statefed.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * The state file: an H2 MVStore with one map per kind of record ({@code devices}, {@code mailboxes},
 * {@code sites}, {@code meta}). MVStore appends each commit as a checksummed chunk and, on open, uses
 * the newest complete one, so a process killed mid-write leaves the previous commit readable; this class
 * adds the rule for a file that still cannot be read: one ERROR naming it, the file moved aside as
 * {@code FILE.corrupt-TIMESTAMP}, and a start from empty, so a bad file never stops a node from starting.
 *
 * <p>Not thread-safe: one writer ({@link StoreWriter}) calls the put/remove/commit methods.
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private static final DateTimeFormatter ASIDE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> devices;
    private final MVMap<String, String> mailboxes;
    private final MVMap<String, String> sites;
    private final MVMap<String, String> meta;
    private final StoredState restored;

    private StateStore(Path file, MVStore store, StoredState restored) {
        this.file = file;
        this.store = store;
        this.devices = store.openMap("devices");
        this.mailboxes = store.openMap("mailboxes");
        this.sites = store.openMap("sites");
        this.meta = store.openMap("meta");
        this.restored = restored;
    }

    /**
     * Opens (or creates) the state file and reads it back. A file that cannot be read is moved aside and
     * replaced by an empty one (ERROR logged).
     *
     * @throws StateStoreException if the file cannot be used at all: its directory is not writable, or
     *     another process has it open
     */
    public static StateStore open(Path file, Clock clock) throws StateStoreException {
        Objects.requireNonNull(file, "file");
        Optional<String> problem = StateFileCheck.problemWith(file);
        if (problem.isPresent()) {
            throw new StateStoreException(file, problem.get());
        }
        MVStore store = null;
        try {
            boolean existed = Files.exists(file) && Files.size(file) > 0;
            store = openFile(file);
            if (existed && !store.<String, String>openMap("meta").containsKey("format")) {
                // Every file this class creates gets its format in its first commit (below); MVStore
                // opens a file whose chunks are all damaged as an empty store, without complaint.
                throw new IllegalStateException("it holds no readable commit");
            }
            StoredState state = read(store);
            if (state.unreadable() > 0) {
                LOG.warn("state_file {}: skipped {} records this version cannot read", file, state.unreadable());
            }
            return new StateStore(file, store, state).formatted();
        } catch (IOException e) {
            closeQuietly(store);
            throw new StateStoreException(file, "cannot be read (" + e.getMessage() + ")", e);
        } catch (MVStoreException e) {
            closeQuietly(store);
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StateStoreException(file, "is in use by another process (another statefed with the same "
                        + "state_file?); stop it, or give this node its own state_file", e);
            }
            return startOver(file, clock, e);
        } catch (RuntimeException e) {
            // MVStore reports some damage as plain runtime exceptions from its page decoders.
            closeQuietly(store);
            return startOver(file, clock, e);
        }
    }

    /** How long superseded chunks are kept before their space is reused; see {@link #openFile}. */
    static final int RETENTION_MILLIS = 2_000;

    private static MVStore openFile(Path file) {
        // Commits are ours (StoreWriter batches them); MVStore's background thread would add its own
        // commit every second and compact behind our back, so it is off and the writer compacts.
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        // MVStore keeps superseded chunks 45 s by default in case the disk has not flushed yet; each
        // commit here is followed by an fsync, so 2 s (20 commits) is enough, and it keeps a storm that
        // rewrites 10 000 entries every 100 ms at ~5 MB instead of ~50 MB.
        store.setRetentionTime(RETENTION_MILLIS);
        return store;
    }

    private static StateStore startOver(Path file, Clock clock, RuntimeException damage) throws StateStoreException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + ASIDE_STAMP.format(clock.instant()));
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StateStoreException(file, "cannot be read (" + describe(damage) + ") and cannot be moved aside to "
                    + aside + " (" + e.getMessage() + "); remove it", e);
        }
        LOG.error("state_file {} cannot be read ({}): moved it aside to {} and starting from an empty state; the "
                + "sites' states come back as they republish them", file, describe(damage), aside);
        LOG.debug("state_file {} damage", file, damage);
        try {
            return new StateStore(file, openFile(file), StoredState.EMPTY).formatted();
        } catch (RuntimeException e) {
            throw new StateStoreException(file, "cannot be created (" + describe(e) + ")", e);
        }
    }

    private static StoredState read(MVStore store) {
        MVMap<String, String> meta = store.openMap("meta");
        String format = meta.get("format");
        if (format != null && !format.equals(StoreRecords.FORMAT)) {
            throw new IllegalStateException("written in format " + format + ", this statefed reads format "
                    + StoreRecords.FORMAT);
        }
        Optional<EntityId> writer = Optional.ofNullable(meta.get("entityid")).map(EntityId::parse);
        int unreadable = 0;
        List<StoredDevice> devices = new ArrayList<>();
        for (Map.Entry<String, String> e : store.<String, String>openMap("devices").entrySet()) {
            Optional<StoredDevice> device = StoreRecords.device(e.getKey(), e.getValue());
            device.ifPresent(devices::add);
            unreadable += device.isEmpty() ? 1 : 0;
        }
        List<StoredMailbox> mailboxes = new ArrayList<>();
        for (Map.Entry<String, String> e : store.<String, String>openMap("mailboxes").entrySet()) {
            Optional<StoredMailbox> mailbox = StoreRecords.mailbox(e.getKey(), e.getValue());
            mailbox.ifPresent(mailboxes::add);
            unreadable += mailbox.isEmpty() ? 1 : 0;
        }
        Map<EntityId, String> sites = new HashMap<>();
        for (Map.Entry<String, String> e : store.<String, String>openMap("sites").entrySet()) {
            if (EntityId.problemWith(e.getKey()) == null && !e.getValue().isEmpty()) {
                sites.put(EntityId.parse(e.getKey()), e.getValue());
            } else {
                unreadable++;
            }
        }
        return new StoredState(writer, devices, mailboxes, sites, unreadable);
    }

    private StateStore formatted() {
        if (!StoreRecords.FORMAT.equals(meta.get("format"))) {
            meta.put("format", StoreRecords.FORMAT);
            commit();
        }
        return this;
    }

    public Path file() {
        return file;
    }

    /** What the file held when it was opened. */
    public StoredState restored() {
        return restored;
    }

    /** Records which node writes the file; restored entries of another entity id of ours are dropped. */
    public void writer(EntityId own) {
        meta.put("format", StoreRecords.FORMAT);
        meta.put("entityid", own.toString());
    }

    public void putDevice(String device, EntityId eid, DeviceState state, boolean cachable, java.time.Instant updatedAt) {
        devices.put(StoreRecords.key(eid, device), StoreRecords.deviceValue(state, cachable, updatedAt));
    }

    public void removeDevice(String device, EntityId eid) {
        devices.remove(StoreRecords.key(eid, device));
    }

    public void putMailbox(String mailbox, EntityId eid, MwiCounts counts, java.time.Instant updatedAt) {
        mailboxes.put(StoreRecords.key(eid, mailbox), StoreRecords.mailboxValue(counts, updatedAt));
    }

    public void removeMailbox(String mailbox, EntityId eid) {
        mailboxes.remove(StoreRecords.key(eid, mailbox));
    }

    /** The buddy JID an entity id belongs to, so that a restored site can go stale like a live one. */
    public void putSite(EntityId eid, String buddy) {
        sites.put(eid.toString(), buddy);
    }

    /**
     * Makes everything put or removed since the last commit durable: appends one chunk and forces it to
     * the disk. Until this returns, a crash loses those changes and nothing else.
     */
    public void commit() {
        store.commit();
        store.sync();
    }

    /**
     * Rewrites sparse chunks for at most {@code millis}, so that a long-running node's append-only file
     * does not grow without bound.
     */
    public void compact(int millis) {
        store.compactFile(millis);
    }

    /** Commits and closes the file. */
    @Override
    public void close() {
        store.close();
    }

    private static void closeQuietly(MVStore store) {
        if (store != null) {
            try {
                store.closeImmediately();
            } catch (RuntimeException e) {
                LOG.debug("closing a damaged state file failed", e);
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
