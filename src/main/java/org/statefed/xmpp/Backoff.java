package org.statefed.xmpp;

import java.time.Duration;

/**
 * Capped exponential backoff, as res_xmpp retries: 1 s, 2 s, 4 s … up to 60 s. Public so that tests can
 * derive their deadlines from it.
 *
 * @param initial first delay
 * @param max cap
 */
public record Backoff(Duration initial, Duration max) {
    /** Between connection attempts, and before logging in again after a session ended. */
    public static final Backoff CONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** Delay before attempt {@code attempt} (1 = first retry). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = initial.toMillis() << Math.min(doublings, 20);
        return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
    }
}
