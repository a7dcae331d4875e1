package org.statefed.wire;

/** Why a payload or an item was rejected; each carries a short description for operators. */
public enum RejectReason {
    MISSING_EID("the payload has no eid attribute"),
    MALFORMED_EID("the eid attribute is not six hex byte pairs separated by colons"),
    UNKNOWN_STATE("the state token names no Asterisk device state"),
    MISSING_STATE("the state element has no state token"),
    BAD_CACHABLE("the cachable attribute is neither '0' nor '1'"),
    MISSING_COUNT("a NEWMSGS or OLDMSGS count is missing or empty"),
    BAD_COUNT("a message count is not a non-negative 32-bit decimal number"),
    BAD_ITEM_ID("the item id is empty, too long, contains control characters or has the wrong form"),
    LOOK_ALIKE_NAME("the item id contains an invisible or direction-changing character, so it could pass for another"),
    UNEXPECTED_CHILD("the payload contains an element it must not contain"),
    UNEXPECTED_TEXT("the payload contains text where only elements are allowed"),
    OVERSIZED("a value is longer than any valid value can be"),
    UNKNOWN_PAYLOAD("the item carries a payload that is not an Asterisk state or mailbox"),
    MALFORMED_XML("the payload is not well-formed XML"),
    MISSING_PAYLOAD("the item carries no payload"),
    WRONG_NODE("a device state on a mailbox node, or a mailbox on a device state node"),
    INTERNAL_ERROR("the payload could not be parsed because of an unexpected internal error");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    /** A short human description, e.g. for a log line or an admin command. */
    public String description() {
        return description;
    }
}
