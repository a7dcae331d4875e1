package org.statefed.node;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

import org.statefed.state.EntityId;

/**
 * The stale rule per entity id, fed by any link: an entity id whose peer left a link keeps its entries for
 * {@code stale_timeout}, then they are dropped, unless the peer is heard again first. Link-neutral: a CPG
 * confchg, a SIP publication that expired, anything that says "this peer is gone".
 *
 * <p>Thread-safe; timers come from the given {@link Timers} so tests drive them; the drop itself runs on the
 * {@code tables} executor (the merge thread), where every other table change of the links runs.
 */
public final class Staleness {

    /** Schedules a task after a delay; the answer cancels it. */
    @FunctionalInterface
    public interface Timers {
        Runnable schedule(Runnable task, Duration delay);
    }

    private record Pending(long generation, Runnable cancel) {
    }

    private final Duration staleTimeout;
    private final Timers timers;
    private final Executor tables;
    private final BiConsumer<EntityId, String> drop;
    private final Map<EntityId, Pending> pending = new HashMap<>();
    private long generation;

    /**
     * @param drop removes every entry of an entity id; called on {@code tables} with the entity id and the
     *             link that saw its peer leave
     */
    public Staleness(Duration staleTimeout, Timers timers, Executor tables, BiConsumer<EntityId, String> drop) {
        this.staleTimeout = staleTimeout;
        this.timers = timers;
        this.tables = tables;
        this.drop = drop;
    }

    /** The peers behind {@code eids} left {@code link}: their entries go after stale_timeout. */
    public synchronized void gone(Set<EntityId> eids, String link) {
        for (EntityId eid : eids) {
            if (pending.containsKey(eid)) {
                continue;
            }
            long mine = ++generation;
            Runnable cancel = timers.schedule(() -> expire(eid, mine, link), staleTimeout);
            pending.put(eid, new Pending(mine, cancel));
        }
    }

    /** The peers behind {@code eids} are heard again: their timers stop. */
    public synchronized void back(Set<EntityId> eids) {
        for (EntityId eid : eids) {
            Pending p = pending.remove(eid);
            if (p != null) {
                p.cancel().run();
            }
        }
    }

    /** Entity ids whose timer runs now. */
    public synchronized Set<EntityId> pending() {
        return Set.copyOf(pending.keySet());
    }

    private void expire(EntityId eid, long mine, String link) {
        synchronized (this) {
            Pending p = pending.get(eid);
            if (p == null || p.generation() != mine) {
                return;
            }
            pending.remove(eid);
        }
        tables.execute(() -> drop.accept(eid, link));
    }
}
