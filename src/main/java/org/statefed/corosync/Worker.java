package org.statefed.corosync;

import java.time.Duration;

/**
 * Runs the link's tasks one at a time, in order, off every library thread: a thread of its own in
 * production ({@link ThreadWorker}), a queue a unit test runs step by step.
 */
interface Worker {

    void execute(Runnable task);

    /** Runs {@code task} after {@code delay}; a task scheduled after {@link #shutdown} is dropped. */
    void schedule(Runnable task, Duration delay);

    /** Lets queued tasks finish for at most {@code timeout}, then interrupts; true if all ended. */
    boolean shutdown(Duration timeout);
}
