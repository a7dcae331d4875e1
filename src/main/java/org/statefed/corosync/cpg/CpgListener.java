package org.statefed.corosync.cpg;

/**
 * What a {@link CpgGroup} hears. Called on the group's dispatch thread, one call at a time: an
 * implementation only hands the event to its own executor and returns (a slow listener delays every
 * later message of the group). Exceptions it throws are logged and do not stop the dispatch.
 */
public interface CpgListener {

    /** A message multicast to the group, including this member's own (CPG delivers to the sender too). */
    void onMessage(CpgMember sender, byte[] payload);

    /** The group's membership changed; the first call after a join lists this member among the joined. */
    void onMembership(Membership membership);

    /**
     * The connection to corosync failed (typically {@link CsError#CS_ERR_LIBRARY}: the daemon stopped);
     * the dispatch thread has ended and the group can only be closed. A new {@link CpgGroup} rejoins.
     */
    void onDispatchFailed(CpgException failure);
}
