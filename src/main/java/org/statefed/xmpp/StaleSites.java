package org.statefed.xmpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MwiTable;
import org.statefed.state.Origin;

/**
 * Drops the states of buddies that went away: a buddy whose every resource went offline keeps its
 * states for {@code stale_timeout}, then every entry under its entity id is removed (aggregates and
 * hints recompute through the tables' listeners). When it comes back it republishes and its states
 * return. Our own outage is not a buddy's: while we are disconnected no timer runs and nothing is
 * dropped; after we log in again, buddies that stay silent for {@code stale_timeout} go stale.
 *
 * <p>Every entity id a buddy ever used goes with it (a site restarted with another {@code entityid} leaves
 * its old id's states behind otherwise): when a buddy announces a new id, the old one's states are dropped
 * after {@code stale_timeout} too, as if the old site had left at that moment.
 *
 * <p>A buddy whose entity id is unknown (no statefed presence, no item seen yet) keeps its states, as
 * Asterisk does; {@link #snapshot()} says so. One INFO line when a site goes stale, one when it returns.
 * Callbacks may come from Smack's threads: every method only updates state under the lock and schedules;
 * table changes run on the {@code tables} executor (the merge thread).
 */
final class StaleSites {
    private static final Logger LOG = LoggerFactory.getLogger(StaleSites.class);

    private final String account;
    private final Duration staleTimeout;
    private final EntityBindings bindings;
    private final Scheduler scheduler;
    private final Executor tables;
    private final DeviceStateTable devices;
    private final MwiTable mailboxes;
    private final Counters counters;
    /**
     * The entries a stale site takes with it: those this account learned (or the state file gave back, or a
     * caller put in directly); an entity id a bridge's LAN link also hears keeps what that link gave.
     */
    private final Set<Origin> origins;
    private final Map<EntityBareJid, Buddy> buddies = new LinkedHashMap<>();
    private final Map<EntityId, Scheduler.Cancellable> retiring = new java.util.HashMap<>();
    private boolean connected;

    private static final class Buddy {
        boolean online;
        boolean stale;
        Scheduler.Cancellable timer;
        /** Which timer is current, so a timer that fires after being called off does nothing. */
        long generation;
    }

    StaleSites(String account, List<EntityBareJid> buddyJids, Duration staleTimeout, EntityBindings bindings,
            Scheduler scheduler, Executor tables, DeviceStateTable devices, MwiTable mailboxes, Counters counters) {
        this.account = account;
        this.origins = Set.of(new Origin(account), Origin.RESTORED, Origin.LOCAL);
        this.staleTimeout = staleTimeout;
        this.bindings = bindings;
        this.scheduler = scheduler;
        this.tables = tables;
        this.devices = devices;
        this.mailboxes = mailboxes;
        this.counters = counters;
        buddyJids.forEach(jid -> buddies.put(jid, new Buddy()));
    }

    /**
     * A buddy has a resource online again.
     *
     * @return whether its states had been dropped as stale (they must be asked for again)
     */
    synchronized boolean available(EntityBareJid jid) {
        Buddy buddy = buddies.get(jid);
        if (buddy == null) {
            return false;
        }
        cancel(buddy);
        buddy.online = true;
        if (buddy.stale) {
            buddy.stale = false;
            LOG.info("[{}] site {} is back; its states return as it republishes them", account, jid);
            return true;
        }
        return false;
    }

    /** A buddy's last resource went offline (only reported while we are connected). */
    synchronized void unavailable(EntityBareJid jid) {
        Buddy buddy = buddies.get(jid);
        if (buddy == null || !connected) {
            return;
        }
        if (!buddy.online && (buddy.timer != null || buddy.stale)) {
            // Already offline (heartbeats noticed first, the server's presence follows): the clock runs on.
            return;
        }
        buddy.online = false;
        startTimer(jid, buddy);
    }

    /** We logged in (again) and know who is online: the silent ones start their stale timer now. */
    synchronized void sessionStarted(Set<EntityBareJid> online) {
        connected = true;
        buddies.forEach((jid, buddy) -> {
            buddy.online = online.contains(jid);
            if (!buddy.online && !buddy.stale && buddy.timer == null) {
                startTimer(jid, buddy);
            }
        });
    }

    /** Our own connection is gone: we know nothing about the buddies, so nothing goes stale meanwhile. */
    synchronized void connectionLost() {
        connected = false;
        buddies.values().forEach(this::cancel);
    }

    /** A buddy's entity id became known: if it is offline without a timer (id was unknown), start one. */
    synchronized void eidLearned(EntityBareJid jid) {
        Buddy buddy = buddies.get(jid);
        if (buddy != null && connected && !buddy.online && !buddy.stale && buddy.timer == null) {
            startTimer(jid, buddy);
        }
    }

    /**
     * {@code jid} announced {@code current} instead of {@code old}: {@code old}'s states go after
     * stale_timeout unless it takes {@code old} up again meanwhile.
     */
    synchronized void eidRetired(EntityBareJid jid, EntityId old, EntityId current) {
        if (!buddies.containsKey(jid)) {
            return;
        }
        Scheduler.Cancellable readopted = retiring.remove(current);
        if (readopted != null) {
            readopted.cancel();
        }
        Scheduler.Cancellable previous = retiring.remove(old);
        if (previous != null) {
            previous.cancel();
        }
        LOG.info("[{}] site {} now uses entity id {} instead of {}: the states under {} are dropped after "
                + "stale_timeout={} s", account, jid, current, old, old, staleTimeout.toSeconds());
        retiring.put(old, scheduler.schedule(() -> retire(jid, old), staleTimeout));
    }

    /**
     * {@code jid} no longer bridges {@code eid} (that LAN server left its LAN): its states go after
     * stale_timeout unless {@code jid} announces it again meanwhile.
     */
    synchronized void bridgedDropped(EntityBareJid jid, EntityId eid) {
        if (!buddies.containsKey(jid) || retiring.containsKey(eid)) {
            return;
        }
        LOG.info("[{}] site {} no longer bridges entity id {}: its states are dropped after stale_timeout={} s",
                account, jid, eid, staleTimeout.toSeconds());
        retiring.put(eid, scheduler.schedule(() -> retire(jid, eid), staleTimeout));
    }

    /** {@code jid} bridges these ids (again): a drop pending for any of them is called off. */
    synchronized void bridgedAnnounced(Set<EntityId> eids) {
        for (EntityId eid : eids) {
            Scheduler.Cancellable pending = retiring.remove(eid);
            if (pending != null) {
                pending.cancel();
            }
        }
    }

    private synchronized void retire(EntityBareJid jid, EntityId old) {
        retiring.remove(old);
        if (bindings.eidOf(jid).equals(Optional.of(old)) || !bindings.buddyOf(old).equals(Optional.of(jid))
                || bindings.bridgedBy(jid).contains(old)) {
            return;
        }
        counters.increment(Counters.Counter.ENTITY_IDS_RETIRED);
        tables.execute(() -> {
            int d = devices.removeEntity(old, origins);
            int m = mailboxes.removeEntity(old, origins);
            bindings.forget(jid, old);
            LOG.info("[{}] site {} stopped using entity id {} more than stale_timeout={} s ago: dropped its {} device "
                    + "states and {} mailboxes", account, jid, old, staleTimeout.toSeconds(), d, m);
        });
    }

    /** Every buddy with its entity id and where its states stand, in configuration order. */
    synchronized List<RemoteSite> snapshot() {
        List<RemoteSite> out = new ArrayList<>();
        buddies.forEach((jid, buddy) -> {
            Optional<EntityId> eid = bindings.eidOf(jid);
            RemoteSite.Liveness liveness;
            if (!connected) {
                liveness = RemoteSite.Liveness.UNKNOWN;
            } else if (buddy.online) {
                liveness = RemoteSite.Liveness.ONLINE;
            } else if (buddy.stale) {
                liveness = RemoteSite.Liveness.STALE;
            } else if (eid.isEmpty()) {
                liveness = RemoteSite.Liveness.UNKNOWN_EID;
            } else {
                liveness = RemoteSite.Liveness.AWAY;
            }
            out.add(new RemoteSite(jid, eid, liveness));
        });
        return List.copyOf(out);
    }

    private void startTimer(EntityBareJid jid, Buddy buddy) {
        cancel(buddy);
        long generation = ++buddy.generation;
        buddy.timer = scheduler.schedule(() -> expire(jid, generation), staleTimeout);
    }

    private void cancel(Buddy buddy) {
        if (buddy.timer != null) {
            buddy.timer.cancel();
            buddy.timer = null;
        }
        buddy.generation++;
    }

    private synchronized void expire(EntityBareJid jid, long generation) {
        Buddy buddy = buddies.get(jid);
        if (buddy.generation != generation || buddy.online || !connected) {
            return;
        }
        buddy.timer = null;
        Set<EntityId> eids = bindings.eidsOf(jid);
        if (eids.isEmpty()) {
            LOG.warn("[{}] site {} has been offline for {} s, but which entity id it publishes is unknown (it sent "
                    + "no statefed presence and no item with a publisher): its states are kept", account, jid,
                    staleTimeout.toSeconds());
            return;
        }
        buddy.stale = true;
        counters.increment(Counters.Counter.SITES_WENT_STALE);
        String ids = eids.stream().map(EntityId::toString).sorted().collect(java.util.stream.Collectors.joining(", "));
        tables.execute(() -> {
            int d = 0;
            int m = 0;
            for (EntityId eid : eids) {
                d += devices.removeEntity(eid, origins);
                m += mailboxes.removeEntity(eid, origins);
                bindings.forget(jid, eid);
            }
            LOG.info("[{}] site {} (entity id {}) offline for more than stale_timeout={} s: dropped its {} device "
                    + "states and {} mailboxes", account, jid, ids, staleTimeout.toSeconds(), d, m);
        });
    }
}
