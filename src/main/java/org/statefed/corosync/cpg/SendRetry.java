package org.statefed.corosync.cpg;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link CpgGroup#send} and the join retry {@code CS_ERR_TRY_AGAIN} (corosync is busy with a
 * membership change or its send queue is full): {@code attempts} calls in all, waiting
 * {@code firstBackoff}, doubling up to {@code maxBackoff} in between. The caller waits at most
 * {@link #worstCaseWait()}, never forever.
 */
public record SendRetry(int attempts, Duration firstBackoff, Duration maxBackoff) {
    /** About 0.7 s in all: longer than a single-ring membership change takes with the default token. */
    public static final SendRetry DEFAULT = new SendRetry(8, Duration.ofMillis(10), Duration.ofMillis(200));

    public SendRetry {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= firstBackoff <= maxBackoff: " + firstBackoff
                    + ", " + maxBackoff);
        }
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public Duration backoffAfter(int attempt) {
        Duration backoff = firstBackoff;
        for (int i = 1; i < attempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /** The longest a caller waits in all retries. */
    public Duration worstCaseWait() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < attempts; attempt++) {
            total = total.plus(backoffAfter(attempt));
        }
        return total;
    }
}
