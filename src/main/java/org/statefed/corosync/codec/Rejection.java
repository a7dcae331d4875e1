package org.statefed.corosync.codec;

/**
 * Thrown inside {@link EventDecoder} when the bytes are found bad; {@link EventDecoder#decode} turns
 * it into a {@link RejectedEvent}, so it never leaves the codec. No stack trace: it is an expected
 * outcome of reading untrusted bytes, not a fault.
 */
final class Rejection extends Exception {
    private final EventRejectReason reason;

    Rejection(EventRejectReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Rejection(NameProblem problem) {
        this(problem.reason(), problem.detail());
    }

    RejectedEvent toEvent() {
        return new RejectedEvent(reason, getMessage());
    }
}
