package org.statefed.xmpp;

import java.time.Duration;

/**
 * Capped exponential backoff, as res_xmpp retries: 1 s, 2 s, 4 s … up to 60 s, optionally after a few
 * attempts at the first delay. Public so that tests can derive their deadlines from it.
 *
 * @param initial first delay
 * @param max cap
 * @param flatAttempts how many attempts wait {@code initial} before the delays start doubling (at least one does)
 */
public record Backoff(Duration initial, Duration max, int flatAttempts) {
    /** Between attempts to connect at start, and after a failed login. */
    public static final Backoff CONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0);
    /**
     * After a logged-in session ended: a server restart or a short cut heals within seconds, so the first
     * five attempts come a second apart (as Smack's reconnection did); a longer outage, or sessions that
     * keep ending (two clients with one resource), back off to a minute.
     */
    public static final Backoff RECONNECT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 5);

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || flatAttempts < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, flatAttempts >= 0: " + initial + ", " + max
                    + ", " + flatAttempts);
        }
    }

    /** Delay before attempt {@code attempt} (1 = first retry). */
    public Duration delay(int attempt) {
        int doublings = Math.min(Math.max(attempt - Math.max(flatAttempts, 1), 0), 30);
        long millis = initial.toMillis() << Math.min(doublings, 20);
        return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
    }
}
