package org.statefed.xmpp;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.statefed.state.EntityId;
import org.statefed.state.StateDigest;
import org.statefed.wire.RefreshRequestElement;

/**
 * Decides when a peer's refresh request is answered by republishing every local state. A request whose
 * digest shows the peer already holds exactly our states is not answered. Requests that arrive together
 * are answered by one republish. Each requester is answered at most once per {@code interval}: its
 * requests within that time are answered together when it ends, so one buddy repeating its request (50
 * times made a 500-device site send 24 626 publishes) costs at most two republishes per interval.
 */
final class RefreshAnswers {
    private final Duration interval;
    private final Scheduler scheduler;
    private final Executor answerer;
    private final EntityId ownEid;
    private final Supplier<Map<EntityId, StateDigest>> ourDigests;
    private final Runnable republish;
    private final Counters counters;
    private final Map<EntityId, RefreshRequestElement> ready = new LinkedHashMap<>();
    private final Map<EntityId, RefreshRequestElement> deferred = new LinkedHashMap<>();
    private final Set<EntityId> answeredRecently = new HashSet<>();
    private boolean answerQueued;

    /**
     * @param answerer where answers run (the session thread); requests arriving before it runs join them
     * @param ourDigest the digest of our current local states
     * @param republish publishes every local state again (coalesced by the publisher)
     */
    RefreshAnswers(Duration interval, Scheduler scheduler, Executor answerer, EntityId ownEid,
            Supplier<StateDigest> ourDigest, Runnable republish, Counters counters) {
        this(interval, scheduler, answerer, ownEid, republish, counters, () -> Map.of(ownEid, ourDigest.get()));
    }

    /**
     * @param ourDigests the digest of what we publish per entity id: our own and the ones we bridge; a
     *                   requester that holds a different value for any of them is answered
     */
    RefreshAnswers(Duration interval, Scheduler scheduler, Executor answerer, EntityId ownEid, Runnable republish,
            Counters counters, Supplier<Map<EntityId, StateDigest>> ourDigests) {
        this.interval = interval;
        this.scheduler = scheduler;
        this.answerer = answerer;
        this.ownEid = ownEid;
        this.ourDigests = ourDigests;
        this.republish = republish;
        this.counters = counters;
    }

    /**
     * A peer asks for our states; any thread. A request whose digests show it held all our states when it
     * arrived needs no answer, now or later: what we change after it reaches the peer live. Judged here
     * rather than when the answer runs, because a request deferred to the end of its requester's interval
     * would otherwise meet our states as they are seconds later (the set-up requests of a 10-site cluster
     * were answered this way in the middle of the storm that followed, by full republishes).
     */
    void requested(RefreshRequestElement request) {
        if (holdsAll(request, ourDigests.get())) {
            counters.increment(Counters.Counter.REFRESH_SKIPPED);
            return;
        }
        boolean queue;
        synchronized (this) {
            if (answeredRecently.contains(request.eid())) {
                deferred.put(request.eid(), request);
                return;
            }
            ready.put(request.eid(), request);
            queue = !answerQueued;
            answerQueued = true;
        }
        if (queue) {
            answerer.execute(this::answer);
        }
    }

    private void answer() {
        Map<EntityId, RefreshRequestElement> now;
        synchronized (this) {
            answerQueued = false;
            now = new LinkedHashMap<>(ready);
            ready.clear();
            answeredRecently.addAll(now.keySet());
        }
        for (EntityId requester : now.keySet()) {
            scheduler.schedule(() -> intervalEnded(requester), interval);
        }
        Map<EntityId, StateDigest> mine = ourDigests.get();
        boolean needed = false;
        for (RefreshRequestElement request : now.values()) {
            if (holdsAll(request, mine)) {
                counters.increment(Counters.Counter.REFRESH_SKIPPED);
            } else {
                needed = true;
            }
        }
        if (needed) {
            republish.run();
        }
    }

    /**
     * Whether the requester holds exactly what we publish under each entity id. Holding none of an id's
     * states matches an id under which we have none: a site with no states yet (every site at a cluster's
     * start) owes nobody an answer, and answering would defer the requester's next request into a
     * republish seconds later, in the middle of whatever follows the start.
     */
    private static boolean holdsAll(RefreshRequestElement request, Map<EntityId, StateDigest> mine) {
        for (Map.Entry<EntityId, StateDigest> e : mine.entrySet()) {
            if (!request.digestOf(e.getKey()).orElse(StateDigest.EMPTY).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private void intervalEnded(EntityId requester) {
        RefreshRequestElement waiting;
        synchronized (this) {
            answeredRecently.remove(requester);
            waiting = deferred.remove(requester);
        }
        if (waiting != null) {
            requested(waiting);
        }
    }
}
