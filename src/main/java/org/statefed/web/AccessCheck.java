package org.statefed.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

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

    private final Optional<byte[]> token;

    AccessCheck(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    boolean required() {
        return token.isPresent();
    }

    void check(Request request, Fields query) throws ApiException {
        if (token.isEmpty()) {
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
