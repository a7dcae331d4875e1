package org.statefed.node;

/**
 * How far a link reaches, which is what the forwarding rules look at (see docs/protocol.md, "Links").
 * {@link #LOCAL} is this site itself: its operator and programs.
 */
public enum Reach {
    LOCAL,
    /** Peers of this site's LAN: Corosync, SIP publication. */
    LAN,
    /** Other sites across the WAN: XMPP. */
    WAN
}
