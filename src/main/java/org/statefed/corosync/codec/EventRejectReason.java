package org.statefed.corosync.codec;

/**
 * Why bytes received in the CPG group are not a usable res_corosync event; each carries a short
 * description for operators. Reported in the order the decoder checks: frame, IEs, values.
 */
public enum EventRejectReason {
    TRUNCATED_HEADER("the message is shorter than the 4-byte event header"),
    LENGTH_MISMATCH("the event's total length field differs from the number of bytes delivered"),
    UNKNOWN_EVENT_TYPE("the event type is not one res_corosync sends"),
    TRUNCATED_IE("an IE header is cut off by the end of the message"),
    IE_OVERRUN("an IE's payload length runs past the end of the message"),
    UNKNOWN_IE("an IE type that res_corosync never sends"),
    UNEXPECTED_IE("an IE type that this event type does not carry"),
    DUPLICATE_IE("the same IE type appears twice"),
    BAD_IE_LENGTH("a number IE is not 4 bytes, an entity id not 6, or a string shorter than its hash and NUL"),
    MISSING_EID("the event has no entity id IE"),
    MISSING_IE("a required IE is missing"),
    UNTERMINATED_STRING("a string IE does not end with a NUL byte"),
    EMBEDDED_NUL("a string IE has a NUL byte before its end"),
    INVALID_UTF8("a string IE is not valid UTF-8"),
    EMPTY_NAME("a device, mailbox, context or address is empty"),
    OVERSIZED_NAME("a name is longer than statefed accepts (256 characters, as for PubSub item ids)"),
    CONTROL_CHARACTER("a name contains a control or line-separator character"),
    BAD_MAILBOX("a mailbox or context contains '@', so mailbox@context would be ambiguous"),
    UNKNOWN_STATE("the state number is not an Asterisk device state (0 to 8)"),
    BAD_CACHABLE("the cachable number is neither 0 nor 1"),
    BAD_COUNT("a message count is larger than 2147483647"),
    INTERNAL_ERROR("the event could not be decoded because of an unexpected internal error");

    private final String description;

    EventRejectReason(String description) {
        this.description = description;
    }

    /** A short human description, e.g. for a log line or an admin command. */
    public String description() {
        return description;
    }
}
