package org.statefed.sip.codec;

/**
 * Why a PUBLISH body is not a usable {@code res_pjsip_publish_asterisk} publication, each with a short
 * description for operators and the SIP status the receiver answers with. Asterisk answers 400 to every
 * body its handler refuses; only an oversized body gets 413, which says the peer may not simply retry.
 */
public enum BodyRejectReason {
    EMPTY_BODY(400, "the PUBLISH has no body where one is needed"),
    OVERSIZED_BODY(413, "the body is larger than any publication Asterisk writes (" + BodyDecoder.MAX_BODY_BYTES
            + " bytes)"),
    INVALID_UTF8(400, "the body is not valid UTF-8"),
    BAD_JSON(400, "the body is not one well-formed JSON value (syntax error, trailing data or a duplicate key)"),
    NOT_AN_OBJECT(400, "the body is JSON but not an object"),
    MISSING_FIELD(400, "a field the body type needs is missing"),
    WRONG_FIELD_TYPE(400, "a field has the wrong JSON type (a number where a string is needed, or the reverse)"),
    UNKNOWN_TYPE(400, "the type is none of devicestate, mailboxstate, refresh"),
    WRONG_PACKAGE(400, "the body type belongs to the other event package"),
    BAD_EID(400, "the eid is not six hex byte pairs separated by colons"),
    EMPTY_NAME(400, "the device or mailbox name is empty"),
    OVERSIZED_NAME(400, "a name is longer than statefed accepts (256 characters, as for PubSub item ids)"),
    CONTROL_CHARACTER(400, "a name contains a control or line-separator character"),
    BAD_MAILBOX(400, "the uniqueid is not mailbox@context with both parts non-empty"),
    UNKNOWN_STATE(400, "the state is not an Asterisk device state token"),
    BAD_CACHABLE(400, "cachable is neither 0 nor 1"),
    BAD_COUNT(400, "a message count is negative or larger than 2147483647"),
    INTERNAL_ERROR(500, "the body could not be decoded because of an unexpected internal error");

    private final int sipStatus;
    private final String description;

    BodyRejectReason(int sipStatus, String description) {
        this.sipStatus = sipStatus;
        this.description = description;
    }

    /** The SIP status code the receiver answers a PUBLISH carrying such a body with. */
    public int sipStatus() {
        return sipStatus;
    }

    public String description() {
        return description;
    }
}
