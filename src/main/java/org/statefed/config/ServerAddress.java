package org.statefed.config;

import java.util.Objects;

/**
 * Where an XMPP server (or one node of a clustered server) accepts client connections.
 *
 * @param host host name or IP address
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

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
