package org.statefed.xmpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;

/**
 * Liveness that does not wait for the server to notice: every {@code interval} one XEP-0199 ping goes to
 * each online resource of every buddy and one to our own server, each waiting at most one interval for
 * its answer. A buddy whose every resource missed {@code misses} pings in a row while the server kept
 * answering is silent (a hung process, a cut link the server has not noticed); the first answer brings it
 * back. A server that misses {@code misses} pings in a row means our own link is dead, unless stanzas kept
 * arriving from it meanwhile: then it is late, not gone (a storm at 30 sites queued our pings behind
 * thousands of events, and declaring the link dead, reconnecting and republishing only added to the load).
 * While the server is late, no buddy is judged silent either: their answers wait in the same queue.
 * Likewise a buddy whose ping went unanswered while its own stanzas (its items, its pings to us) kept
 * arriving is late, not silent: the server delivers its answer behind the items it is still sending.
 *
 * <p>A statefed resource (its presence says so) always answers pings and is judged from its first ping.
 * Any other resource is judged only after it has answered once (with a result or an error): a peer that
 * never answers pings (Asterisk's res_xmpp sends pings but registers no handler for them) keeps relying on
 * its presence rather than being dropped for a silence that is its nature.
 *
 * <p>Threads: {@link #tick} runs on the given scheduler; ping outcomes are counted where they arrive
 * (Smack's threads; a few field updates under this object's lock), and what they decide is handed to the
 * listener on {@code events}, which must not block. Outcomes never wait behind {@code events}: when that
 * was the merge queue, 15 s behind in a storm, a site sent its next ping only once the last one's outcome
 * had crawled through it, so its buddies heard nothing from it and judged it silent.
 */
final class Heartbeats {

    /** What became of one ping. */
    enum Outcome {
        /** A result or an error came back: the target's stream is alive. */
        ANSWERED,
        /** No answer within the interval. */
        MISSED,
        /** Not sent (our connection is down): says nothing about the target. */
        NOT_SENT
    }

    /** Sends one ping; {@code done} gets its outcome once, on any thread. */
    @FunctionalInterface
    interface Pinger {
        void ping(Jid target, Duration timeout, Consumer<Outcome> done);
    }

    /** Told about changes; runs on the {@code events} executor. */
    interface Listener {
        /** Every judged resource of {@code buddy} stopped answering while the server still answers. */
        void buddySilent(EntityBareJid buddy);

        /** A silent buddy answered again. */
        void buddyAnswering(EntityBareJid buddy);

        /** Our own server stopped answering: the link is dead. */
        void serverSilent();

        /** {@code target} missed a ping while its stanzas kept arriving: counted as late, not missed. */
        default void late(Jid target) {
        }
    }

    private static final class Target {
        final EntityBareJid buddy;
        boolean answeredOnce;
        boolean outstanding;
        int misses;
        /** What {@code inbound} (the server) or the buddy's traffic said when the outstanding ping went out. */
        long inboundAtPing;

        Target(EntityBareJid buddy) {
            this.buddy = buddy;
        }
    }

    private final Duration interval;
    private final int misses;
    private final Pinger pinger;
    private final Scheduler scheduler;
    private final Executor events;
    private final Supplier<Map<EntityBareJid, Set<FullJid>>> onlineResources;
    private final Predicate<Jid> answersPings;
    private final Listener listener;
    private final Map<Jid, Target> targets = new HashMap<>();
    private final Set<EntityBareJid> silent = new HashSet<>();
    private Jid server;
    private Target serverTarget;
    private boolean serverReported;
    /** The server missed its last ping while stanzas kept arriving from it: busy, not dead. */
    private boolean serverLate;
    private final LongSupplier inbound;
    private final ToLongFunction<EntityBareJid> heardFrom;
    private long generation;
    private Scheduler.Cancellable next;

    Heartbeats(Duration interval, int misses, Pinger pinger, Scheduler scheduler, Executor events,
            Supplier<Map<EntityBareJid, Set<FullJid>>> onlineResources, Predicate<Jid> answersPings,
            Listener listener) {
        this(interval, misses, pinger, scheduler, events, onlineResources, answersPings, listener, () -> 0L);
    }

    /**
     * @param inbound a value that changes whenever a stanza arrives on our connection (Smack's
     *                {@code getLastStanzaReceived}): a missed server ping with traffic since it went out
     *                makes the server late, not silent
     */
    Heartbeats(Duration interval, int misses, Pinger pinger, Scheduler scheduler, Executor events,
            Supplier<Map<EntityBareJid, Set<FullJid>>> onlineResources, Predicate<Jid> answersPings,
            Listener listener, LongSupplier inbound) {
        this(interval, misses, pinger, scheduler, events, onlineResources, answersPings, listener, inbound, b -> 0L);
    }

    /**
     * @param heardFrom a value per buddy that changes whenever a stanza of its own arrives ({@link BuddyTraffic}):
     *                  a missed ping with such traffic since it went out makes the buddy late, not silent
     */
    Heartbeats(Duration interval, int misses, Pinger pinger, Scheduler scheduler, Executor events,
            Supplier<Map<EntityBareJid, Set<FullJid>>> onlineResources, Predicate<Jid> answersPings,
            Listener listener, LongSupplier inbound, ToLongFunction<EntityBareJid> heardFrom) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.heardFrom = Objects.requireNonNull(heardFrom, "heardFrom");
        if (interval.isNegative() || misses < 1) {
            throw new IllegalArgumentException("need interval >= 0 and misses >= 1: " + interval + ", " + misses);
        }
        this.interval = interval;
        this.misses = misses;
        this.pinger = Objects.requireNonNull(pinger, "pinger");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.events = Objects.requireNonNull(events, "events");
        this.onlineResources = Objects.requireNonNull(onlineResources, "onlineResources");
        this.answersPings = Objects.requireNonNull(answersPings, "answersPings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts pinging after a (re)login to {@code server}; forgets all earlier results. No-op when off. */
    synchronized void start(Jid server) {
        stop();
        if (interval.isZero()) {
            return;
        }
        this.server = server;
        this.serverTarget = new Target(null);
        scheduleNext();
    }

    /** Stops pinging (our link went down or we stop); late outcomes are ignored. */
    synchronized void stop() {
        generation++;
        if (next != null) {
            next.cancel();
            next = null;
        }
        targets.clear();
        silent.clear();
        serverTarget = null;
        serverReported = false;
        serverLate = false;
    }

    /** Buddies currently treated as offline because they stopped answering. */
    synchronized Set<EntityBareJid> silentBuddies() {
        return Set.copyOf(silent);
    }

    private void scheduleNext() {
        long current = generation;
        next = scheduler.schedule(() -> tick(current), interval);
    }

    /** One round: a ping to every target that has none outstanding. */
    void tick(long round) {
        List<Jid> due = new ArrayList<>();
        synchronized (this) {
            if (round != generation || serverTarget == null) {
                return;
            }
            Map<EntityBareJid, Set<FullJid>> online = onlineResources.get();
            Set<Jid> current = new HashSet<>();
            online.forEach((buddy, resources) -> current.addAll(resources));
            targets.keySet().retainAll(current);
            // A silent buddy whose resources all left is now offline by presence: nothing left to judge.
            silent.retainAll(online.keySet());
            if (!serverTarget.outstanding) {
                serverTarget.inboundAtPing = inbound.getAsLong();
            }
            due(server, serverTarget, due);
            online.forEach((buddy, resources) -> {
                for (FullJid resource : resources) {
                    Target target = targets.computeIfAbsent(resource, r -> {
                        Target t = new Target(buddy);
                        t.answeredOnce = answersPings.test(r);
                        return t;
                    });
                    if (!target.outstanding) {
                        target.inboundAtPing = heardFrom.applyAsLong(buddy);
                    }
                    due(resource, target, due);
                }
            });
            scheduleNext();
        }
        // Sent outside the lock: a send that blocks (a full write queue) must not hold up outcomes.
        for (Jid jid : due) {
            pinger.ping(jid, interval, outcome -> outcome(jid, round, outcome));
        }
    }

    private static void due(Jid jid, Target target, List<Jid> due) {
        if (!target.outstanding) {
            target.outstanding = true;
            due.add(jid);
        }
    }

    /** The outcome of one ping; any thread. */
    synchronized void outcome(Jid jid, long round, Outcome outcome) {
        if (round != generation || serverTarget == null) {
            return;
        }
        Target target = jid.equals(server) ? serverTarget : targets.get(jid);
        if (target == null) {
            return;
        }
        target.outstanding = false;
        // The target's stanzas kept coming while its ping went unanswered: it is busy, its link alive.
        boolean lateNotDead = outcome == Outcome.MISSED && (target == serverTarget
                ? inbound.getAsLong() != target.inboundAtPing
                : heardFrom.applyAsLong(target.buddy) != target.inboundAtPing);
        if (target == serverTarget && outcome != Outcome.NOT_SENT) {
            serverLate = lateNotDead;
        }
        if (lateNotDead) {
            events.execute(() -> listener.late(jid));
            return;
        }
        switch (outcome) {
            case ANSWERED -> {
                target.answeredOnce = true;
                target.misses = 0;
            }
            case MISSED -> target.misses++;
            case NOT_SENT -> {
                return;
            }
        }
        if (target == serverTarget) {
            if (target.misses == 0) {
                serverReported = false;
            } else if (target.misses >= misses && !serverReported) {
                serverReported = true;
                events.execute(listener::serverSilent);
            }
            return;
        }
        judge(target.buddy);
    }

    private void judge(EntityBareJid buddy) {
        boolean anyAnswering = false;
        boolean allSilent = true;
        boolean anyJudged = false;
        for (Target t : targets.values()) {
            if (!buddy.equals(t.buddy)) {
                continue;
            }
            if (t.answeredOnce && t.misses == 0) {
                anyAnswering = true;
            }
            if (t.answeredOnce) {
                anyJudged = true;
            }
            if (!t.answeredOnce || t.misses < misses) {
                allSilent = false;
            }
        }
        if (silent.contains(buddy)) {
            if (anyAnswering) {
                silent.remove(buddy);
                events.execute(() -> listener.buddyAnswering(buddy));
            }
        } else if (anyJudged && allSilent && serverTarget.misses == 0 && serverTarget.answeredOnce && !serverLate) {
            // Only while our server answers: when it does not, the silence is our own link's.
            silent.add(buddy);
            events.execute(() -> listener.buddySilent(buddy));
        }
    }
}
