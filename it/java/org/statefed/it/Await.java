package org.statefed.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, and says what was seen when it did not come true. */
public final class Await {
    private Await() {
    }

    /** How long since {@code startNanos} (a {@link System#nanoTime()}). */
    public static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * What is left of {@code budget} counted from {@code startNanos}, for a second wait that must end by the
     * same deadline as the first (zero when none is left: the condition is then checked once).
     */
    public static Duration left(Duration budget, long startNanos) {
        Duration left = budget.minus(since(startNanos));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** @return how long it took */
    public static Duration until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWasSeen) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout + ": " + whatWasSeen.get());
            }
            LockSupport.parkNanos(2_000_000);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
