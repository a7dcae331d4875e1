/**
 * The hub: the state tables, the links around them ({@link org.statefed.node.Link}: XMPP, Corosync, SIP
 * publication), the forwarding rules between links (split horizon, see docs/protocol.md) and the stale
 * rule per entity id. Links never call each other; they learn into the tables through their
 * {@link org.statefed.node.LinkContext} and are sent what the rules route to them.
 */
package org.statefed.node;
