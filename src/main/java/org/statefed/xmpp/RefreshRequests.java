package org.statefed.xmpp;

import java.time.Duration;
import java.util.Objects;

/**
 * Sends our refresh requests: the first at once, and every one asked for within the next {@code window}
 * as a single request when it ends (its digests then cover everything that prompted them). Every peer
 * whose states we do not hold exactly answers a request with a republish of all of them, so at a cluster
 * start, when a site subscribes late to one buddy's nodes after another, one request per late
 * subscription made each peer republish again and again (110 requests in a 30-site storm, answered with
 * 30 883 publishes).
 */
final class RefreshRequests {
    private final Duration window;
    private final Scheduler scheduler;
    private final Runnable send;
    private boolean windowOpen;
    private boolean askedMeanwhile;

    /** @param send sends one refresh request with our current digests (cheap: it only enqueues) */
    RefreshRequests(Duration window, Scheduler scheduler, Runnable send) {
        this.window = Objects.requireNonNull(window, "window");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.send = Objects.requireNonNull(send, "send");
    }

    /** We lack something: a refresh request goes out now, or at the end of the current window. Any thread. */
    void request() {
        synchronized (this) {
            if (windowOpen) {
                askedMeanwhile = true;
                return;
            }
            windowOpen = true;
        }
        send.run();
        scheduler.schedule(this::windowEnded, window);
    }

    private void windowEnded() {
        synchronized (this) {
            if (!askedMeanwhile) {
                windowOpen = false;
                return;
            }
            askedMeanwhile = false;
        }
        send.run();
        scheduler.schedule(this::windowEnded, window);
    }
}
