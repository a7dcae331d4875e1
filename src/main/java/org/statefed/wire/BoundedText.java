package org.statefed.wire;

/**
 * Collects the text of one element from possibly several parser events (text split by comments),
 * but never more than {@link WireLimits#MAX_TEXT_CHARS}; beyond that it only remembers that the
 * text was too long, so a huge value is never copied.
 */
final class BoundedText {
    private final String what;
    private String first;
    private StringBuilder more;
    private int length;
    private boolean oversized;

    /** {@code what} names the text in rejection details, e.g. {@code <state> text}. */
    BoundedText(String what) {
        this.what = what;
    }

    void add(String chunk) {
        if (oversized || chunk == null || chunk.isEmpty()) {
            return;
        }
        length += chunk.length();
        if (length > WireLimits.MAX_TEXT_CHARS) {
            oversized = true;
            first = null;
            more = null;
        } else if (first == null) {
            first = chunk;
        } else {
            if (more == null) {
                more = new StringBuilder(WireLimits.MAX_TEXT_CHARS).append(first);
            }
            more.append(chunk);
        }
    }

    /**
     * The text without surrounding XML whitespace (space, tab, CR, LF; not other Unicode spaces).
     *
     * @throws Rejection OVERSIZED if the text, or the trimmed value, is longer than allowed
     */
    String trimmed(int maxValueChars) throws Rejection {
        if (oversized) {
            throw new Rejection(RejectReason.OVERSIZED, what + " is longer than "
                    + WireLimits.MAX_TEXT_CHARS + " characters");
        }
        String text = more != null ? more.toString() : first == null ? "" : first;
        int start = 0;
        int end = text.length();
        while (start < end && isXmlWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isXmlWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end - start > maxValueChars) {
            throw new Rejection(RejectReason.OVERSIZED, what + " has " + (end - start)
                    + " characters, more than " + maxValueChars);
        }
        return text.substring(start, end);
    }

    /** The XML {@code S} production: the only whitespace XML itself treats as insignificant. */
    static boolean isXmlWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    static boolean isXmlWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isXmlWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
