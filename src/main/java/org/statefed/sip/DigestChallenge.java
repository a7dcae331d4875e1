package org.statefed.sip;

import java.util.Objects;

/** A {@code WWW-Authenticate: Digest} challenge: MD5, qop=auth, as Asterisk's authenticator sends it. */
public record DigestChallenge(String realm, String nonce, String opaque) {
    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(opaque, "opaque");
    }
}
