package org.statefed.xmpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends one request per key with at most {@code window} unanswered at a time, and waits for all the
 * answers: 1000 roster additions then cost a few round trips instead of 1000 in series (~90 s at a first
 * start with 1000 buddies). Answers complete on the connection's threads; they only record the outcome
 * and free a slot, the caller's thread does everything else.
 */
final class WindowedRequests {
    private final int window;

    WindowedRequests(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, not " + window);
        }
        this.window = window;
    }

    /** What became of each key's request: the keys answered, in the order given, and the failures. */
    record Outcome<K>(List<K> answered, Map<K, Throwable> failed) {
    }

    /**
     * Sends {@code request(key)} for every key, in order, and waits for every answer, each slot waiting at
     * most {@code timeout} (the connection's reply timeout) for an earlier request to free it.
     *
     * @throws TimeoutException when requests stay unanswered that long
     */
    <K> Outcome<K> sendAll(List<K> keys, Function<K, CompletionStage<?>> request, Duration timeout)
            throws InterruptedException, TimeoutException {
        Semaphore slots = new Semaphore(window);
        CountDownLatch answers = new CountDownLatch(keys.size());
        Map<K, Throwable> failed = new ConcurrentHashMap<>();
        for (K key : keys) {
            if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException(window + " requests unanswered after " + timeout);
            }
            CompletionStage<?> answer;
            try {
                answer = request.apply(key);
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
            answer.whenComplete((result, error) -> {
                if (error != null) {
                    failed.put(key, error);
                }
                slots.release();
                answers.countDown();
            });
        }
        if (!answers.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException(answers.getCount() + " of " + keys.size() + " requests unanswered after " + timeout);
        }
        List<K> answered = new ArrayList<>();
        for (K key : keys) {
            if (!failed.containsKey(key)) {
                answered.add(key);
            }
        }
        return new Outcome<>(List.copyOf(answered), Map.copyOf(failed));
    }
}
