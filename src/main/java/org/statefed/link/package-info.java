/**
 * Plumbing every link reuses (XMPP, Corosync, SIP): rate-limited logging of bad network input.
 */
package org.statefed.link;
