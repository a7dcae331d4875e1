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
 *   <li>to a LAN link what was learned locally, on another LAN link or on the WAN, except a WAN state
 *       whose entity id was first seen on a LAN (the LAN hears its own servers; a copy coming back over
 *       the WAN could only be older).</li>
 * </ul>
 */
public final class ForwardingRule {
    private ForwardingRule() {
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
            case LAN -> origin != Reach.WAN || firstSeen != Reach.LAN;
            case LOCAL -> false;
        };
    }
}
