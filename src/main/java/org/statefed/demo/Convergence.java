package org.statefed.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * How long each site took to show a change, measured by polling every site from the moment the change was
 * made until all show it or a deadline passes.
 *
 * @param <S> what a site is
 */
final class Convergence<S> {
    private static final long POLL_NANOS = 200_000;

    private final Map<S, Optional<Duration>> times;

    private Convergence(Map<S, Optional<Duration>> times) {
        this.times = times;
    }

    /**
     * Waits until {@code shows} holds for every site or {@code deadline} has passed since {@code startNanos}.
     *
     * @param startNanos {@link System#nanoTime()} when the change was made
     */
    static <S> Convergence<S> await(Iterable<S> sites, Predicate<S> shows, long startNanos, Duration deadline) {
        Map<S, Optional<Duration>> times = new LinkedHashMap<>();
        sites.forEach(site -> times.put(site, Optional.empty()));
        long end = startNanos + deadline.toNanos();
        while (true) {
            long now = System.nanoTime();
            for (Map.Entry<S, Optional<Duration>> entry : times.entrySet()) {
                if (entry.getValue().isEmpty() && shows.test(entry.getKey())) {
                    entry.setValue(Optional.of(Duration.ofNanos(now - startNanos)));
                }
            }
            if (times.values().stream().allMatch(Optional::isPresent) || now > end) {
                return new Convergence<>(Map.copyOf(times));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Whether every site showed the change in time. */
    boolean complete() {
        return times.values().stream().allMatch(Optional::isPresent);
    }

    /** How long {@code site} took, or empty if it did not show the change in time. */
    Optional<Duration> time(S site) {
        return times.get(site);
    }
}
