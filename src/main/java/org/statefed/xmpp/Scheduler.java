package org.statefed.xmpp;

import java.time.Duration;

/** Runs a task once after a delay; a seam so tests can drive time instead of waiting for it. */
@FunctionalInterface
interface Scheduler {

    /** A scheduled task that may still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, Duration delay);
}
