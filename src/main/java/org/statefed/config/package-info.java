/**
 * Reads and validates statefed's configuration, an Asterisk {@code jabber.conf}/{@code xmpp.conf}
 * with statefed's additions, into immutable records; the only package that uses ini4j.
 */
package org.statefed.config;
