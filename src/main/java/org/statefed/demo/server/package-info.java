/**
 * Real XMPP servers run as child processes on free loopback ports, each in its own temporary directory:
 * the managed Prosody that the demo and the integration tests share.
 */
package org.statefed.demo.server;
