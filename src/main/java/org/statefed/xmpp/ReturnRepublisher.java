package org.statefed.xmpp;

import java.time.Duration;
import java.util.Objects;

import org.jxmpp.jid.EntityBareJid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Republishes this site's own states when a buddy comes back, so a peer that fetches nothing on connect
 * (Asterisk's res_xmpp) still learns them. Returns within one {@code window} are answered by a single
 * republish, however many buddies or resources flap meanwhile; the publisher coalesces per item besides.
 * Counted as {@link Counters.Counter#RETURN_REPUBLISHES}.
 */
final class ReturnRepublisher {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnRepublisher.class);

    private final String account;
    private final Duration window;
    private final Scheduler scheduler;
    private final Runnable republish;
    private final Counters counters;
    private boolean pending;
    private int returnsSincePublish;

    /**
     * @param window how long returns are gathered before the one republish that answers them all
     * @param republish publishes every local device state and mailbox; runs on the scheduler's thread
     */
    ReturnRepublisher(String account, Duration window, Scheduler scheduler, Runnable republish, Counters counters) {
        this.account = account;
        this.window = Objects.requireNonNull(window, "window");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.republish = Objects.requireNonNull(republish, "republish");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** A buddy became available (presence, or it answers pings again). */
    synchronized void buddyReturned(EntityBareJid buddy) {
        returnsSincePublish++;
        LOG.debug("[{}] {} is back: republishing our states within {} ms", account, buddy, window.toMillis());
        if (!pending) {
            pending = true;
            scheduler.schedule(this::fire, window);
        }
    }

    private void fire() {
        int returns;
        synchronized (this) {
            pending = false;
            returns = returnsSincePublish;
            returnsSincePublish = 0;
        }
        counters.increment(Counters.Counter.RETURN_REPUBLISHES);
        LOG.debug("[{}] republishing our states for {} buddy return(s)", account, returns);
        republish.run();
    }
}
