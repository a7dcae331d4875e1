/**
 * The demo's LAN: a private corosync (a single-node ring on 127.0.0.1) and simulated Asterisk members, each a
 * raw CPG client in its own process speaking res_corosync's bytes.
 */
package org.statefed.demo.lan;
