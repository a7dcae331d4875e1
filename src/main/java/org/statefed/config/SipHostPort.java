package org.statefed.config;

import java.util.Objects;

/**
 * An IP address (literal, never a name to resolve) and a port, as {@code bind} and {@code match} of a
 * SIP publication section write them: {@code 127.0.0.1:5062}, {@code [::1]:5062}.
 *
 * @param host the IP literal without brackets
 * @param port 1 to 65535, or 0 in a {@code match} written without a port (any port)
 */
public record SipHostPort(String host, int port) {
    public SipHostPort {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** As written in a URI: IPv6 in brackets, the port after a colon unless it is 0. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }
}
