package org.statefed.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP API, live board and {@code /metrics} ({@code [general] http_*}); off unless {@code http_bind} is set.
 *
 * @param bind where to listen; port 0 picks a free port (the log and the demo say which)
 * @param token what clients must send as {@code Authorization: Bearer TOKEN}; none: no check (loopback only
 *     unless TLS is set)
 * @param tlsKeystore a PKCS#12 file with the server's key and certificate chain: serve HTTPS
 * @param tlsKeystorePassword its password
 */
public record HttpConfig(Optional<InetSocketAddress> bind, Optional<String> token, Optional<Path> tlsKeystore,
        Optional<String> tlsKeystorePassword) {

    /** No HTTP server. */
    public static final HttpConfig OFF = new HttpConfig(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public HttpConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tlsKeystore, "tlsKeystore");
        Objects.requireNonNull(tlsKeystorePassword, "tlsKeystorePassword");
        if (bind.isPresent() && !bind.get().getAddress().isLoopbackAddress() && token.isEmpty()
                && tlsKeystore.isEmpty()) {
            throw new IllegalArgumentException("a non-loopback http_bind needs http_token or http_tls_keystore");
        }
    }

    /** An HTTP server on {@code bind} with no token and no TLS (loopback addresses only). */
    public static HttpConfig plain(InetSocketAddress bind) {
        return new HttpConfig(Optional.of(bind), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** These settings with a token. */
    public HttpConfig withToken(String value) {
        return new HttpConfig(bind, Optional.of(value), tlsKeystore, tlsKeystorePassword);
    }

    public boolean enabled() {
        return bind.isPresent();
    }

    public boolean tls() {
        return tlsKeystore.isPresent();
    }

    @Override
    public String toString() {
        return "HttpConfig[bind=" + bind.map(HttpConfig::hostPort).orElse("off") + ", token="
                + token.map(t -> SecretKeys.MASK).orElse("none") + ", tlsKeystore=" + tlsKeystore.map(Path::toString)
                .orElse("none") + ", tlsKeystorePassword=" + tlsKeystorePassword.map(p -> SecretKeys.MASK).orElse("none")
                + "]";
    }

    /** {@code 127.0.0.1:8088}, {@code [::1]:8088}. */
    public static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
