package org.statefed.xmpp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.jivesoftware.smack.packet.ExtensionElement;

/**
 * Publishes values to PubSub asynchronously, with a bounded window of requests in flight, in order per
 * {@link PublishKey} and coalescing: while a key's publish is in flight, newer values replace the
 * queued one, so a storm of changes to one device sends only what is still current.
 *
 * <p>All state is confined to one serial executor; callers and Smack's callback threads only hand
 * tasks to it. A failed publish is retried with capped backoff unless a newer value replaced it; every
 * failure is reported to the failure handler (which logs and counts), none is lost silently.
 */
final class CoalescingPublisher {
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final ItemSender sender;
    private final Executor serial;
    private final ScheduledExecutorService scheduler;
    private final int window;
    private final BiConsumer<PublishKey, Throwable> failureHandler;
    private final Counters counters;

    // Confined to 'serial'.
    private final Map<PublishKey, ExtensionElement> latest = new HashMap<>();
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

    /** Queues a value; replaces a value for the same key that has not been sent yet. */
    void submit(PublishKey key, ExtensionElement payload) {
        serial.execute(() -> {
            if (latest.put(key, payload) != null) {
                counters.increment(Counters.Counter.PUBLISH_COALESCED);
            }
            failures.remove(key);
            enqueue(key);
            pump();
        });
    }

    /** Starts sending (after login and node set-up). */
    void online() {
        serial.execute(() -> {
            online = true;
            pump();
        });
    }

    /** Stops sending; queued values are kept and sent after {@link #online()}. */
    void offline() {
        serial.execute(() -> online = false);
    }

    /** Runs {@code action} on the serial executor once every queued value and in-flight publish is done. */
    void whenIdle(Runnable action) {
        serial.execute(() -> {
            if (latest.isEmpty() && inFlight.isEmpty()) {
                action.run();
            } else {
                scheduler.schedule(() -> whenIdle(action), 5, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Number of values queued or in flight; answered on the serial executor. */
    void pending(java.util.function.IntConsumer answer) {
        serial.execute(() -> answer.accept(latest.size() + inFlight.size()));
    }

    private void enqueue(PublishKey key) {
        if (!inFlight.contains(key) && queued.add(key)) {
            ready.addLast(key);
        }
    }

    private void pump() {
        while (online && available > 0) {
            PublishKey key = ready.pollFirst();
            if (key == null) {
                return;
            }
            queued.remove(key);
            ExtensionElement payload = latest.remove(key);
            if (payload == null) {
                continue;
            }
            inFlight.add(key);
            available--;
            counters.increment(Counters.Counter.PUBLISH_SENT);
            sender.publish(key, payload).whenComplete((ok, error) ->
                    serial.execute(() -> completed(key, payload, error)));
        }
    }

    private void completed(PublishKey key, ExtensionElement payload, Throwable error) {
        inFlight.remove(key);
        available++;
        if (error == null) {
            failures.remove(key);
            if (latest.containsKey(key)) {
                enqueue(key);
            }
        } else {
            counters.increment(Counters.Counter.PUBLISH_FAILED);
            failureHandler.accept(key, error);
            // Keep the failed value unless a newer one arrived meanwhile, and try it again later.
            latest.putIfAbsent(key, payload);
            int attempt = failures.merge(key, 1, Integer::sum);
            long delay = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt - 1, 10));
            scheduler.schedule(() -> serial.execute(() -> {
                if (latest.containsKey(key)) {
                    counters.increment(Counters.Counter.PUBLISH_RETRIED);
                    enqueue(key);
                    pump();
                }
            }), delay, TimeUnit.MILLISECONDS);
        }
        pump();
    }

    int window() {
        return window;
    }
}
