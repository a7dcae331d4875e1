/**
 * Smack connections to the XMPP servers: login and reconnection, buddies' roster and presence, PubSub
 * nodes, the coalescing publisher, event reception and resync.
 */
package org.statefed.xmpp;
