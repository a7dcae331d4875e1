package org.statefed.node;

import java.time.Duration;

import org.statefed.state.EntityId;

/**
 * One way of talking to peers that speak per-entity-id state (an XMPP account, a Corosync CPG group, SIP
 * publication peers). The hub ({@code StatefedNode}) starts and stops it; what it learns goes into the
 * tables through its {@link LinkContext}; what the forwarding rules route to it arrives through the
 * {@code send} methods.
 *
 * <p>Threads: {@code send*} and {@code forget*} are called by the router, possibly on the thread of a
 * table change: they must only enqueue (coalesced per device / mailbox) and return at once, whatever the
 * link's peers do. Library callbacks inside the link only enqueue onto the link's own executors.
 */
public interface Link {

    /** The config section name, unique within a node, e.g. {@code asterisk} or {@code corosync}. */
    String name();

    LinkKind kind();

    default Reach reach() {
        return kind().reach();
    }

    /** Joins the peers in the background (retrying with backoff); returns at once. Called once. */
    void start(LinkContext context);

    /** Sends one entity id's state of a device to this link's peers, with its original entity id. */
    void sendDeviceState(DeviceStateUpdate update);

    /** Sends one entity id's counts of a mailbox to this link's peers, with its original entity id. */
    void sendMailbox(MailboxUpdate update);

    /**
     * An entity id's entry for a device is gone from the tables (its site went stale). A link whose wire
     * format can say so tells its peers; others do nothing.
     */
    default void forgetDeviceState(String device, EntityId eid) {
    }

    /** Same as {@link #forgetDeviceState} for a mailbox. */
    default void forgetMailbox(String mailbox, EntityId eid) {
    }

    /**
     * Whether a peer that speaks for {@code eid} is heard on this link now (an XMPP buddy online that announced
     * it). The stale rule keeps an entity id that another link still hears when one link saw it leave (another
     * bridge that relayed a WAN site's states onto our LAN left the LAN; the WAN site is still there). Links
     * that cannot tell answer false.
     */
    default boolean hears(EntityId eid) {
        return false;
    }

    /** Leaves the peers and ends the link's threads; returns within {@code timeout} whatever peers do. */
    void stop(Duration timeout);

    LinkStatus status();
}
