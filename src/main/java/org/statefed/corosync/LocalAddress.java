package org.statefed.corosync;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The address this node announces in its cluster discovery. res_corosync takes the local node's first
 * ring address from libcfg; statefed does not bind libcfg, so it announces this host's first IPv4
 * address that is up and not loopback, or 127.0.0.1 (a single-host ring). Receivers only log and show
 * it; nothing routes by it.
 */
final class LocalAddress {
    static final String LOOPBACK = "127.0.0.1";

    private LocalAddress() {
    }

    static String guess() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // No interfaces to read: the loopback is what a single-host ring uses anyway.
            return LOOPBACK;
        }
        return LOOPBACK;
    }
}
