package org.statefed.corosync;

import java.time.Duration;

/**
 * How long the link waits before joining again after corosync was missing or went away: {@code initial},
 * doubling up to {@code max}. A restarted corosync is back within a second or two, so the first retries
 * come quickly; a machine without corosync costs one attempt every {@code max}.
 */
public record JoinBackoff(Duration initial, Duration max) {
    public static final JoinBackoff DEFAULT = new JoinBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    public JoinBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** The wait before attempt {@code attempt} after a failure (1 = the first retry). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 20);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis >= max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
