package org.statefed.sip.codec;

/**
 * What a PUBLISH asks of the receiver, told apart as {@code res_pjsip_pubsub} does (RFC 3903 section 6):
 * by whether it carries {@code SIP-If-Match}, a body, and {@code Expires: 0}.
 */
public enum PublishKind {
    /** No SIP-If-Match, a body: a new publication; the answer carries a fresh SIP-ETag. */
    INITIAL,
    /** SIP-If-Match and a body: new state for an existing publication. */
    MODIFY,
    /** SIP-If-Match, no body: the publication lives on, state unchanged. */
    REFRESH,
    /** SIP-If-Match and Expires 0: the publication ends. */
    REMOVE,
    /** Neither SIP-If-Match nor a body: answered 400, as Asterisk does (seen in the capture). */
    INVALID;

    /**
     * @param ifMatch the SIP-If-Match value, or null when absent
     * @param hasBody whether the request has a non-empty body
     * @param expires the Expires value, or -1 when absent
     */
    public static PublishKind of(String ifMatch, boolean hasBody, int expires) {
        if (ifMatch == null) {
            return hasBody ? INITIAL : INVALID;
        }
        if (expires == 0) {
            return REMOVE;
        }
        return hasBody ? MODIFY : REFRESH;
    }
}
