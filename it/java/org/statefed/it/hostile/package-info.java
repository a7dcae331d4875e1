/**
 * Hostile and unlucky XMPP sessions against real servers: strangers' IQs, stream conflicts, buddies that
 * reconfigure or delete their nodes, nodes that someone else created first.
 */
package org.statefed.it.hostile;
