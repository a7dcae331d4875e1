package org.statefed.wire;

/**
 * Thrown inside a provider when the payload is found bad; the provider boundary turns it into a
 * {@link RejectedPayload}, so it never reaches Smack. Carries no stack trace: it is an expected
 * outcome of parsing untrusted input, not a fault.
 */
final class Rejection extends Exception {
    private final RejectReason reason;

    Rejection(RejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }

    String detail() {
        return getMessage();
    }
}
