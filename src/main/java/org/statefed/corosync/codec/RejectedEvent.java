package org.statefed.corosync.codec;

import java.util.Objects;

/**
 * Bytes that are not a usable res_corosync event, and why. The detail names offsets, IE types and
 * lengths, never the untrusted text itself, so it is safe to log as it is.
 *
 * @param reason why the message was rejected
 * @param detail what exactly was wrong
 */
public record RejectedEvent(EventRejectReason reason, String detail) implements DecodedEvent {

    public RejectedEvent {
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? reason.description() : detail;
    }
}
