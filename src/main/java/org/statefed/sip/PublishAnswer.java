package org.statefed.sip;

import java.util.Optional;

/**
 * The link's answer to one PUBLISH: the status, and the headers res_pjsip_pubsub adds.
 *
 * @param etag the {@code SIP-ETag} of a 200, or null
 * @param expires the {@code Expires} of a 200, or -1 for none
 * @param challenge the digest challenge of a 401
 */
public record PublishAnswer(int status, String reason, String etag, int expires, Optional<DigestChallenge> challenge) {

    public static PublishAnswer of(int status, String reason) {
        return new PublishAnswer(status, reason, null, -1, Optional.empty());
    }

    public static PublishAnswer ok(String etag, int expires) {
        return new PublishAnswer(200, "OK", etag, expires, Optional.empty());
    }

    public static PublishAnswer challenge(DigestChallenge challenge) {
        return new PublishAnswer(401, "Unauthorized", null, -1, Optional.of(challenge));
    }
}
