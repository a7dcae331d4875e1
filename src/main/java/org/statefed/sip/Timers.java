package org.statefed.sip;

import java.time.Duration;

/** Schedules work on the link's own thread; passed in so tests drive time by hand. */
public interface Timers {

    /** Runs {@code task} after {@code delay} on the link's thread; the returned action cancels it. */
    Runnable schedule(Duration delay, Runnable task);
}
