/**
 * The pure, thread-safe model of federated PBX state: device states per site and their cluster-wide
 * aggregates, hints, and mailbox (MWI) counts; no I/O, no XMPP, nothing from other statefed packages.
 */
package org.statefed.state;
