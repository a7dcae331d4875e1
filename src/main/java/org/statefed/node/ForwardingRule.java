package org.statefed.node;

/**
 * The split-horizon rules of docs/protocol.md ("Links and forwarding rules"), as one pure function: whether
 * an entry is sent to a link, from the reach of the link it was learned on, the reach of the link its entity
 * id was first seen on, and the destination link.
 *
 * <ul>
 *   <li>never back to the link it was learned on;</li>
 *   <li>to a WAN link only what was learned on a LAN link or locally, and only if its entity id was not
 *       first seen on the WAN (another bridge on the same LAN may hand a WAN state back to us on the LAN:
 *       it must not go out to the WAN again);</li>
 *   <li>to every other LAN link whatever was learned locally, on a LAN link or on the WAN.</li>
 * </ul>
 *
 * <p>A LAN server's state never comes back from the WAN into the tables of the bridge that publishes it (the
 * XMPP link drops copies of the entity ids it bridges), so the rules need no case for that.
 */
public final class ForwardingRule {
    private ForwardingRule() {
    }

    /**
     * The reach an entity id belongs to, for the loop breaker: a WAN site's own id (an XMPP buddy's) is a WAN
     * id whatever link heard it first. (Not the ids a buddy announces as bridged: a second bridge on our own
     * LAN announces our LAN servers' ids.) Another bridge on our LAN
     * may hand us a WAN site's change before our own XMPP event for it; counting that id as LAN would send the
     * WAN site's own state back out to the WAN.
     *
     * @param firstSeen      reach of the link the entity id was first seen on
     * @param wanPeerSpeaks  whether the entity id is a WAN site's own
     */
    public static Reach home(Reach firstSeen, boolean wanPeerSpeaks) {
        return wanPeerSpeaks ? Reach.WAN : firstSeen;
    }

    /**
     * @param origin      reach of the link the entry was learned on ({@link Reach#LOCAL}: this site)
     * @param firstSeen   reach of the link its entity id was first seen on
     * @param destination reach of the link it might be sent to
     * @param sameLink    whether the destination is the very link the entry was learned on
     */
    public static boolean sends(Reach origin, Reach firstSeen, Reach destination, boolean sameLink) {
        if (sameLink) {
            return false;
        }
        return switch (destination) {
            case WAN -> origin != Reach.WAN && firstSeen != Reach.WAN;
            case LAN -> true;
            case LOCAL -> false;
        };
    }
}
