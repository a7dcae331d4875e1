package org.statefed.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Whether a request carries {@code http_token}: as {@code Authorization: Bearer TOKEN} (programs, Prometheus)
 * or as the query parameter {@code token} (the board's event stream: a browser's EventSource cannot send
 * headers). Compared in constant time; without a configured token every request passes.
 */
final class AccessCheck {
    private static final String BEARER = "Bearer ";
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final Optional<byte[]> token;

    AccessCheck(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    boolean required() {
        return token.isPresent();
    }

    /**
     * Without a token, a request must name this server by address ({@code 127.0.0.1:8088}, {@code [::1]:8088}) or
     * as {@code localhost}: a page whose own name an attacker re-points at 127.0.0.1 (DNS rebinding) would
     * otherwise be same-origin with the API and could change device states from the victim's browser.
     */
    private static void requireAddressAsHost(Request request) throws ApiException {
        String host = request.getHttpURI().getHost();
        if (host == null || host.isEmpty() || host.equalsIgnoreCase("localhost") || host.startsWith("[")
                || host.indexOf(':') >= 0 || IPV4.matcher(host).matches()) {
            return;
        }
        throw new ApiException(403, "without http_token this node answers only requests that name it by IP address"
                + " or as localhost (the Host header), so that other web sites cannot reach it through DNS rebinding");
    }

    void check(Request request, Fields query) throws ApiException {
        if (token.isEmpty()) {
            requireAddressAsHost(request);
            return;
        }
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String offered = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : query.getValue("token");
        if (offered == null) {
            throw new ApiException(401, "this node asks for its http_token: send 'Authorization: Bearer TOKEN'");
        }
        if (!MessageDigest.isEqual(token.get(), offered.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "wrong token");
        }
    }
}
