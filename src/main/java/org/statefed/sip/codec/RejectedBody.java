package org.statefed.sip.codec;

import java.util.Objects;

/**
 * A body that is not a usable publication, and why. The detail names fields, lengths and positions, never
 * the untrusted text itself, so it is safe to log as it is.
 */
public record RejectedBody(BodyRejectReason reason, String detail) implements DecodedBody {
    public RejectedBody {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? reason.description() : detail;
    }
}
