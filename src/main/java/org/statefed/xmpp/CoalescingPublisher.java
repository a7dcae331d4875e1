package org.statefed.xmpp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

import org.jivesoftware.smack.packet.ExtensionElement;

/**
 * Publishes values to PubSub asynchronously, with a bounded window of requests in flight, in order per
 * {@link PublishKey} and coalescing: while a key's publish is in flight, newer values replace the
 * queued one, so a storm of changes to one device sends only what is still current.
 *
 * <p>State is guarded by this object's lock; publishes are sent outside it. A value submitted while
 * its key has nothing in flight and the window has room is sent at once on the submitting thread
 * (statefed's own: a feed, the admin socket, the session thread; never Smack's), which saves a thread
 * hand-off on the latency-critical path. Smack completes publishes on its own threads, which only hand
 * the outcome to the serial executor; that thread sends what the completion let through. A failed
 * publish is retried with capped backoff unless a newer value replaced it; every failure is reported to
 * the failure handler (which logs and counts), none is lost silently.
 */
final class CoalescingPublisher {
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    /** One publish decided under the lock, sent after it is released. */
    private record Send(PublishKey key, ExtensionElement payload) {
    }

    /** A value waiting to be sent, and why it was submitted (the newest submit's reason wins). */
    private record Pending(ExtensionElement payload, PublishReason reason) {
    }

    private final ItemSender sender;
    private final Executor serial;
    private final ScheduledExecutorService scheduler;
    private final int window;
    private final BiConsumer<PublishKey, Throwable> failureHandler;
    private final Counters counters;

    // Guarded by 'this'.
    private final Map<PublishKey, Pending> latest = new HashMap<>();
    private final ArrayDeque<PublishKey> ready = new ArrayDeque<>();
    private final Set<PublishKey> queued = new HashSet<>();
    private final Set<PublishKey> inFlight = new HashSet<>();
    private final Map<PublishKey, Integer> failures = new HashMap<>();
    private boolean online;
    private int available;

    CoalescingPublisher(ItemSender sender, Executor serial, ScheduledExecutorService scheduler, int window,
            BiConsumer<PublishKey, Throwable> failureHandler, Counters counters) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1: " + window);
        }
        this.sender = sender;
        this.serial = serial;
        this.scheduler = scheduler;
        this.window = window;
        this.available = window;
        this.failureHandler = failureHandler;
        this.counters = counters;
    }

    /** Changes queued or in flight now. */
    synchronized int backlog() {
        return queued.size() + inFlight.size();
    }

    /** Queues a local change (see {@link #submit(PublishKey, ExtensionElement, PublishReason)}). */
    void submit(PublishKey key, ExtensionElement payload) {
        submit(key, payload, PublishReason.CHANGE);
    }

    /**
     * Queues a value, replacing a value for the same key that has not been sent yet; sends it if it can.
     * {@code reason} is what the publish is counted under when it goes out.
     */
    void submit(PublishKey key, ExtensionElement payload, PublishReason reason) {
        List<Send> sends;
        synchronized (this) {
            if (latest.put(key, new Pending(payload, reason)) != null) {
                counters.increment(Counters.Counter.PUBLISH_COALESCED);
            }
            failures.remove(key);
            enqueue(key);
            sends = drain();
        }
        dispatch(sends);
    }

    /** Starts sending (after login and node set-up). */
    void online() {
        List<Send> sends;
        synchronized (this) {
            online = true;
            sends = drain();
        }
        dispatch(sends);
    }

    /** Stops sending; queued values are kept and sent after {@link #online()}. */
    synchronized void offline() {
        online = false;
    }

    /** Runs {@code action} on the serial executor once every queued value and in-flight publish is done. */
    void whenIdle(Runnable action) {
        serial.execute(() -> {
            boolean idle;
            synchronized (this) {
                idle = latest.isEmpty() && inFlight.isEmpty();
            }
            if (idle) {
                action.run();
            } else {
                scheduler.schedule(() -> whenIdle(action), 5, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Number of values queued or in flight. */
    void pending(IntConsumer answer) {
        int count;
        synchronized (this) {
            count = latest.size() + inFlight.size();
        }
        answer.accept(count);
    }

    private void enqueue(PublishKey key) {
        if (!inFlight.contains(key) && queued.add(key)) {
            ready.addLast(key);
        }
    }

    /** Takes what may be sent now; called with the lock held. */
    private List<Send> drain() {
        List<Send> sends = null;
        while (online && available > 0) {
            PublishKey key = ready.pollFirst();
            if (key == null) {
                break;
            }
            queued.remove(key);
            Pending pending = latest.remove(key);
            if (pending == null) {
                continue;
            }
            inFlight.add(key);
            available--;
            counters.published(pending.reason());
            if (sends == null) {
                sends = new ArrayList<>(Math.min(window, 8));
            }
            sends.add(new Send(key, pending.payload()));
        }
        return sends == null ? List.of() : sends;
    }

    private void dispatch(List<Send> sends) {
        for (Send send : sends) {
            sender.publish(send.key(), send.payload()).whenComplete((ok, error) ->
                    serial.execute(() -> completed(send.key(), send.payload(), error)));
        }
    }

    private void completed(PublishKey key, ExtensionElement payload, Throwable error) {
        List<Send> sends;
        synchronized (this) {
            inFlight.remove(key);
            available++;
            if (error == null) {
                failures.remove(key);
                if (latest.containsKey(key)) {
                    enqueue(key);
                }
            } else {
                counters.increment(Counters.Counter.PUBLISH_FAILED);
                // Keep the failed value unless a newer one arrived meanwhile, and try it again later.
                latest.putIfAbsent(key, new Pending(payload, PublishReason.RETRY));
                int attempt = failures.merge(key, 1, Integer::sum);
                long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt - 1, 10));
                scheduler.schedule(() -> serial.execute(() -> retry(key)), delay, TimeUnit.MILLISECONDS);
            }
            sends = drain();
        }
        if (error != null) {
            failureHandler.accept(key, error);
        }
        dispatch(sends);
    }

    private void retry(PublishKey key) {
        List<Send> sends;
        synchronized (this) {
            if (!latest.containsKey(key)) {
                return;
            }
            counters.increment(Counters.Counter.PUBLISH_RETRIED);
            enqueue(key);
            sends = drain();
        }
        dispatch(sends);
    }

    int window() {
        return window;
    }
}
