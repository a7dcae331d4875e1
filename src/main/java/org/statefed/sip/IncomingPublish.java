package org.statefed.sip;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A PUBLISH as the link sees it, stripped of SIP syntax by the stack.
 *
 * @param event the {@code Event} header value, or null when absent
 * @param ifMatch the {@code SIP-If-Match} value, or null
 * @param expires the {@code Expires} value, or -1 when absent
 * @param contentType {@code type/subtype} lower case, or null when absent
 * @param body the body bytes, empty when none
 * @param source where the request came from
 * @param authorization the digest {@code Authorization}, if any
 */
public record IncomingPublish(String event, String ifMatch, int expires, String contentType, byte[] body,
        InetSocketAddress source, Optional<DigestResponse> authorization) {
    public IncomingPublish {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(authorization, "authorization");
    }
}
