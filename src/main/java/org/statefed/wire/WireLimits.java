package org.statefed.wire;

/**
 * Size limits for untrusted payload values. Each is far above anything Asterisk writes, so only
 * garbage or an attack exceeds them.
 */
final class WireLimits {
    /** Longest state token; the longest real one, {@code UNAVAILABLE}, has 11 characters. */
    static final int MAX_STATE_TOKEN_CHARS = 32;
    /** Most digits in a message count; {@code Integer.MAX_VALUE} has 10. */
    static final int MAX_COUNT_DIGITS = 10;
    /** Longest attribute value; an eid has 17 characters. */
    static final int MAX_ATTRIBUTE_CHARS = 64;
    /** Longest text content, surrounding whitespace included, that is collected at all. */
    static final int MAX_TEXT_CHARS = 256;
    /** Longest PubSub item id accepted. */
    static final int MAX_ITEM_ID_CHARS = 256;
    /** Length an item id is cut to for logs. */
    static final int LOGGED_ITEM_ID_CHARS = 80;
    /** Length a rejection detail is cut to. */
    static final int DETAIL_CHARS = 240;
    /** Length an untrusted value quoted in a detail is cut to. */
    static final int QUOTED_VALUE_CHARS = 40;

    private WireLimits() {
    }
}
