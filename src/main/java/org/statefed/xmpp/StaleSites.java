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

/**
 * Drops the states of buddies that went away: a buddy whose every resource went offline keeps its
 * states for {@code stale_timeout}, then every entry under its entity id is removed (aggregates and
 * hints recompute through the tables' listeners). When it comes back it republishes and its states
 * return. Our own outage is not a buddy's: while we are disconnected no timer runs and nothing is
 * dropped; after we log in again, buddies that stay silent for {@code stale_timeout} go stale.
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
    private final Map<EntityBareJid, Buddy> buddies = new LinkedHashMap<>();
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
        this.staleTimeout = staleTimeout;
        this.bindings = bindings;
        this.scheduler = scheduler;
        this.tables = tables;
        this.devices = devices;
        this.mailboxes = mailboxes;
        this.counters = counters;
        buddyJids.forEach(jid -> buddies.put(jid, new Buddy()));
    }

    /** A buddy has a resource online again. */
    synchronized void available(EntityBareJid jid) {
        Buddy buddy = buddies.get(jid);
        if (buddy == null) {
            return;
        }
        cancel(buddy);
        buddy.online = true;
        if (buddy.stale) {
            buddy.stale = false;
            LOG.info("[{}] site {} is back; its states return as it republishes them", account, jid);
        }
    }

    /** A buddy's last resource went offline (only reported while we are connected). */
    synchronized void unavailable(EntityBareJid jid) {
        Buddy buddy = buddies.get(jid);
        if (buddy == null || !connected) {
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
        Optional<EntityId> eid = bindings.eidOf(jid);
        if (eid.isEmpty()) {
            LOG.warn("[{}] site {} has been offline for {} s, but which entity id it publishes is unknown (it sent "
                    + "no statefed presence and no item with a publisher): its states are kept", account, jid,
                    staleTimeout.toSeconds());
            return;
        }
        buddy.stale = true;
        counters.increment(Counters.Counter.SITES_WENT_STALE);
        tables.execute(() -> {
            int d = devices.removeEntity(eid.get());
            int m = mailboxes.removeEntity(eid.get());
            LOG.info("[{}] site {} (entity id {}) offline for more than stale_timeout={} s: dropped its {} device "
                    + "states and {} mailboxes", account, jid, eid.get(), staleTimeout.toSeconds(), d, m);
        });
    }
}
