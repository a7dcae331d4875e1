package org.statefed.node;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * What the hub gives a link: the way into the tables (every entry learned through here is tagged with
 * this link as its origin), the stale rule, and what the link may carry when a peer asks for everything.
 * Methods may be called from any of the link's own threads, never from a library's I/O thread.
 */
public interface LinkContext {

    /** This node's own entity id: a peer's message carrying it is our own echo and is dropped. */
    EntityId ownEid();

    Clock clock();

    /** The executor merges run on (one thread, in order); a link hands learned events to it. */
    Executor mergeExecutor();

    /**
     * A peer's state of a device under its entity id, learned on this link.
     *
     * @return true if the table changed (new entry, new state or cachable flag)
     */
    boolean learnDeviceState(String device, EntityId eid, DeviceState state, boolean cachable);

    /** A peer's counts of a mailbox under its entity id, learned on this link. */
    boolean learnMailbox(String mailbox, EntityId eid, MwiCounts counts);

    /**
     * The peer(s) behind these entity ids left this link (CPG confchg, SIP expiry): their entries are
     * kept for {@code stale_timeout}, then dropped, unless {@link #peersBack} comes first.
     */
    void peersGone(Set<EntityId> eids);

    /** These entity ids are heard on this link again: their stale timers stop. */
    void peersBack(Set<EntityId> eids);

    /**
     * Every device state the forwarding rules let this link carry, own and bridged, each with its
     * original entity id: what a cache dump on join or an answer to a refresh sends.
     */
    List<DeviceStateUpdate> deviceStatesFor();

    /** Same as {@link #deviceStatesFor} for mailboxes. */
    List<MailboxUpdate> mailboxesFor();
}
