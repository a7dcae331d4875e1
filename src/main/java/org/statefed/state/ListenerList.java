package org.statefed.state;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copy-on-write listeners plus a count of the exceptions they threw. Delivery loops over
 * {@link #current()}, an array, so notifying allocates nothing.
 *
 * <p>The state package has no logger on purpose (it is a pure model), so a listener failure is
 * counted and the last one kept for whoever does log ({@code status}, the app); it is not rethrown
 * because the table has already committed the change and the remaining listeners must still hear it.
 */
final class ListenerList<L> {
    private volatile L[] listeners;
    private final AtomicLong failures = new AtomicLong();
    private volatile RuntimeException lastFailure;

    ListenerList(L[] empty) {
        this.listeners = Arrays.copyOf(empty, 0);
    }

    synchronized void add(L listener) {
        Objects.requireNonNull(listener, "listener");
        L[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[listeners.length] = listener;
        listeners = next;
    }

    synchronized boolean remove(L listener) {
        L[] now = listeners;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == listener) {
                L[] next = Arrays.copyOf(now, now.length - 1);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                listeners = next;
                return true;
            }
        }
        return false;
    }

    /** The listeners at this instant; callers must not modify the array. */
    L[] current() {
        return listeners;
    }

    void failed(RuntimeException failure) {
        lastFailure = failure;
        failures.incrementAndGet();
    }

    long failures() {
        return failures.get();
    }

    Optional<RuntimeException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}
