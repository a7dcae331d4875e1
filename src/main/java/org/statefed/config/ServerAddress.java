package org.statefed.config;

import java.util.Objects;

/**
 * Where an XMPP server (or one node of a clustered server) accepts client connections.
 *
 * @param host host name, IPv4 address or IPv6 address (without brackets, e.g. {@code ::1})
 * @param port TCP port
 */
public record ServerAddress(String host, int port) {
    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** {@code host:port}, an IPv6 address in brackets ({@code [::1]:5222}) as it is written in jabber.conf. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
