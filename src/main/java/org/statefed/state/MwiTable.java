package org.statefed.state;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mailbox message counts (MWI) from every site: per mailbox ({@code mailbox@context}) per
 * {@link EntityId} the last counts and when they arrived.
 *
 * <p>Asterisk treats MWI as last-writer-wins with one slot per mailbox. This table keeps every site's
 * value and defines a mailbox's <em>effective</em> counts as those of the most recent update
 * <em>as received here</em>, even if it repeats what that site sent before. "Most recent" is decided
 * by a sequence number taken under the mailbox's lock, not by the clock, so two updates within one
 * clock tick still have a definite order. When a site goes away, the effective counts fall back to
 * the most recently received value among the remaining sites.
 *
 * <p>Thread-safe, one lock per mailbox. Listeners follow the rules of {@link DeviceStateTable}:
 * called on the updating thread under the mailbox's lock, quick and non-blocking; an exception is
 * counted in {@link #listenerFailures()}, not rethrown, because the state package has no logging and
 * the change is already committed.
 */
public final class MwiTable {
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, MailboxEntry> mailboxes = new ConcurrentHashMap<>();
    private final ListenerList<MwiListener> listeners = new ListenerList<>(new MwiListener[0]);

    public MwiTable(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@link #update(String, EntityId, MwiCounts, Origin)} from this site itself. */
    public boolean update(String mailbox, EntityId eid, MwiCounts counts) {
        return update(mailbox, eid, counts, Origin.LOCAL);
    }

    /**
     * Records what one site reports for a mailbox, learned on the link {@code origin}; this becomes the
     * mailbox's effective value.
     *
     * @return true if the mailbox's effective counts changed
     */
    public boolean update(String mailbox, EntityId eid, MwiCounts counts, Origin origin) {
        requireMailbox(mailbox);
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(origin, "origin");
        long now = clock.millis();
        while (true) {
            MailboxEntry entry = entryFor(mailbox);
            synchronized (entry) {
                if (entry.isRetired()) {
                    continue;
                }
                MwiCounts before = entry.effective();
                if (entry.put(eid, counts, now, sequence.incrementAndGet(), origin)) {
                    fireEntryChanged(mailbox, eid, counts, origin);
                }
                if (counts.equals(before)) {
                    return false;
                }
                fireMailboxChanged(mailbox, counts);
                return true;
            }
        }
    }

    /**
     * Puts back counts this node knew before it restarted, with the time they arrived then. Restore
     * oldest first: each restored entry becomes the most recent one, as it was before the restart. A
     * site that already has counts keeps them (anything live is newer); any later {@link #update}
     * replaces the restored ones. Only {@link MwiListener#mailboxChanged} is told, as for
     * {@link DeviceStateTable#restore}.
     *
     * @return true if the entry was added
     */
    public boolean restore(String mailbox, EntityId eid, MwiCounts counts, Instant updatedAt) {
        requireMailbox(mailbox);
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(updatedAt, "updatedAt");
        while (true) {
            MailboxEntry entry = entryFor(mailbox);
            synchronized (entry) {
                if (entry.isRetired()) {
                    continue;
                }
                MwiCounts before = entry.effective();
                if (!entry.restore(eid, counts, updatedAt.toEpochMilli(), sequence.incrementAndGet())) {
                    return false;
                }
                if (!counts.equals(before)) {
                    fireMailboxChanged(mailbox, entry.effective());
                }
                return true;
            }
        }
    }

    /** The mailbox's effective counts, if any site reports it. */
    public Optional<MwiCounts> effective(String mailbox) {
        return onLiveEntry(mailbox, Optional.empty(), entry -> Optional.ofNullable(entry.effective()));
    }

    /** What one site reports for a mailbox, if it reports it. */
    public Optional<MwiCounts> counts(String mailbox, EntityId eid) {
        Objects.requireNonNull(eid, "eid");
        return onLiveEntry(mailbox, Optional.empty(), entry -> Optional.ofNullable(entry.countsOf(eid)));
    }

    /** The link one site's counts for a mailbox came from, if it reports the mailbox. */
    public Optional<Origin> origin(String mailbox, EntityId eid) {
        Objects.requireNonNull(eid, "eid");
        return onLiveEntry(mailbox, Optional.empty(), entry -> Optional.ofNullable(entry.originOf(eid)));
    }

    /** Removes one site's counts for a mailbox; false if it had none. */
    public boolean remove(String mailbox, EntityId eid) {
        Objects.requireNonNull(eid, "eid");
        return onLiveEntry(mailbox, false, entry -> removeLocked(mailbox, entry, eid));
    }

    /**
     * Removes every mailbox entry of one site; each effective value falls back to the most recent
     * remaining site's.
     *
     * @return how many entries were removed
     */
    public int removeEntity(EntityId eid) {
        Objects.requireNonNull(eid, "eid");
        int removed = 0;
        for (Map.Entry<String, MailboxEntry> e : mailboxes.entrySet()) {
            MailboxEntry entry = e.getValue();
            synchronized (entry) {
                if (!entry.isRetired() && removeLocked(e.getKey(), entry, eid)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** What one site reports, sorted by mailbox; used to republish our own counts. */
    public Map<String, MwiCounts> countsOf(EntityId eid) {
        Objects.requireNonNull(eid, "eid");
        TreeMap<String, MwiCounts> counts = new TreeMap<>();
        for (Map.Entry<String, MailboxEntry> e : mailboxes.entrySet()) {
            MailboxEntry entry = e.getValue();
            synchronized (entry) {
                MwiCounts c = entry.isRetired() ? null : entry.countsOf(eid);
                if (c != null) {
                    counts.put(e.getKey(), c);
                }
            }
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    /** Every mailbox with its entries, sorted by mailbox. */
    public List<MailboxSnapshot> snapshot() {
        List<MailboxSnapshot> snapshots = new ArrayList<>(mailboxes.size());
        for (MailboxEntry entry : mailboxes.values()) {
            synchronized (entry) {
                if (!entry.isRetired() && !entry.isEmpty()) {
                    snapshots.add(entry.snapshot());
                }
            }
        }
        snapshots.sort(Comparator.comparing(MailboxSnapshot::mailbox));
        return List.copyOf(snapshots);
    }

    /** One mailbox with its entries, if any site reports it. */
    public Optional<MailboxSnapshot> snapshot(String mailbox) {
        return onLiveEntry(mailbox, Optional.empty(),
                entry -> entry.isEmpty() ? Optional.empty() : Optional.of(entry.snapshot()));
    }

    /** How many mailboxes at least one site reports (a moment's view under concurrent updates). */
    public int mailboxCount() {
        return mailboxes.size();
    }

    /** Adds a listener; see the class comment for the rules listeners must follow. */
    public void addListener(MwiListener listener) {
        listeners.add(listener);
    }

    public void removeListener(MwiListener listener) {
        listeners.remove(listener);
    }

    /** How many times a listener threw; counted, not rethrown (see class comment). */
    public long listenerFailures() {
        return listeners.failures();
    }

    /** The last exception a listener threw, for whoever reports failures. */
    public Optional<RuntimeException> lastListenerFailure() {
        return listeners.lastFailure();
    }

    private MailboxEntry entryFor(String mailbox) {
        MailboxEntry entry = mailboxes.get(mailbox);
        return entry != null ? entry : mailboxes.computeIfAbsent(mailbox, MailboxEntry::new);
    }

    /** As DeviceStateTable's: an emptied mailbox is dropped after its listeners ran, lock held. */
    private boolean removeLocked(String mailbox, MailboxEntry entry, EntityId eid) {
        MwiCounts before = entry.effective();
        if (!entry.remove(eid)) {
            return false;
        }
        MwiCounts after = entry.effective();
        fireEntryRemoved(mailbox, eid);
        if (!Objects.equals(before, after)) {
            fireMailboxChanged(mailbox, after);
        }
        if (entry.isEmpty()) {
            entry.retire();
            mailboxes.remove(mailbox, entry);
        }
        return true;
    }

    private void fireEntryChanged(String mailbox, EntityId eid, MwiCounts counts, Origin origin) {
        for (MwiListener listener : listeners.current()) {
            try {
                listener.entryChanged(mailbox, eid, counts, origin);
            } catch (RuntimeException e) {
                listeners.failed(e);
            }
        }
    }

    private void fireEntryRemoved(String mailbox, EntityId eid) {
        for (MwiListener listener : listeners.current()) {
            try {
                listener.entryRemoved(mailbox, eid);
            } catch (RuntimeException e) {
                listeners.failed(e);
            }
        }
    }

    private void fireMailboxChanged(String mailbox, MwiCounts effective) {
        Optional<MwiCounts> value = Optional.ofNullable(effective);
        for (MwiListener listener : listeners.current()) {
            try {
                listener.mailboxChanged(mailbox, value);
            } catch (RuntimeException e) {
                listeners.failed(e);
            }
        }
    }

    private static void requireMailbox(String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        if (mailbox.isEmpty()) {
            throw new IllegalArgumentException("mailbox name must not be empty");
        }
    }

    /**
     * Runs {@code action} on the entry for {@code key} under its lock, or answers {@code absent}. An
     * entry retired (dropped from the map) between lookup and lock is looked up again.
     */
    private <T> T onLiveEntry(String key, T absent, Function<MailboxEntry, T> action) {
        while (true) {
            MailboxEntry entry = mailboxes.get(key);
            if (entry == null) {
                return absent;
            }
            synchronized (entry) {
                if (!entry.isRetired()) {
                    return action.apply(entry);
                }
            }
        }
    }
}
