package org.statefed.xmpp;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jxmpp.jid.EntityBareJid;

/**
 * What a buddy's return asks of this site. A peer that fetches nothing on its own (Asterisk) learns our
 * states only if we republish them; a statefed peer fetches our node and asks for what it lacks itself, so
 * it gets no republish. Its own states are asked for again (a refresh request) only if we had dropped them
 * as stale: until then we kept them and kept merging its items. In a 10-site storm on prosody, buddies
 * falsely judged silent came back 108 times, and answering each return with a republish and a refresh
 * request (which every peer answers with a republish of its own) sent 17 836 of 28 653 publishes.
 */
final class BuddyReturns {
    private final Predicate<EntityBareJid> onlyStatefedOnline;
    private final Predicate<EntityBareJid> markAvailable;
    private final Consumer<EntityBareJid> republish;
    private final Runnable requestRefresh;

    /**
     * @param onlyStatefedOnline whether every online resource of the buddy is statefed
     * @param markAvailable marks the buddy online again; true if its states had been dropped as stale
     * @param republish republishes our states for the buddy (coalesced with other returns)
     * @param requestRefresh asks every peer for the states we lack
     */
    BuddyReturns(Predicate<EntityBareJid> onlyStatefedOnline, Predicate<EntityBareJid> markAvailable,
            Consumer<EntityBareJid> republish, Runnable requestRefresh) {
        this.onlyStatefedOnline = Objects.requireNonNull(onlyStatefedOnline, "onlyStatefedOnline");
        this.markAvailable = Objects.requireNonNull(markAvailable, "markAvailable");
        this.republish = Objects.requireNonNull(republish, "republish");
        this.requestRefresh = Objects.requireNonNull(requestRefresh, "requestRefresh");
    }

    /**
     * The buddy came online (its presence). Its own session set-up republishes its states, so nothing is asked.
     *
     * @param sessionReady whether our session is set up (before that, our set-up republishes everything anyway)
     */
    void cameOnline(EntityBareJid buddy, boolean sessionReady) {
        markAvailable.test(buddy);
        if (sessionReady && !onlyStatefedOnline.test(buddy)) {
            republish.accept(buddy);
        }
    }

    /** The buddy answers pings again after it was judged silent; its session never ended. */
    void answersAgain(EntityBareJid buddy) {
        boolean itsStatesWereDropped = markAvailable.test(buddy);
        if (!onlyStatefedOnline.test(buddy)) {
            republish.accept(buddy);
        }
        if (itsStatesWereDropped) {
            requestRefresh.run();
        }
    }
}
