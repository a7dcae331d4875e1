package org.statefed.sip;

/**
 * The parameters of a digest {@code Authorization} header (RFC 2617), as written by the peer.
 *
 * @param nc the nonce count as written (8 hex digits), or null without qop
 */
public record DigestResponse(String username, String realm, String nonce, String uri, String response,
        String algorithm, String cnonce, String qop, String nc, String opaque) {

    @Override
    public String toString() {
        // The response hash is not a secret, but it is of no use in a log line either.
        return "DigestResponse[username=" + username + ", realm=" + realm + ", uri=" + uri + "]";
    }
}
