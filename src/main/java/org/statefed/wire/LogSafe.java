package org.statefed.wire;

/**
 * Makes untrusted text safe to log: control, format (e.g. bidi override), line-separator and lone
 * surrogate characters become {@code \}{@code uXXXX} escapes and long text is cut with an ellipsis, so
 * a peer cannot forge log lines or flood them. Sanitising twice gives the same result as once.
 */
final class LogSafe {
    private static final char ELLIPSIS = '\u2026';

    private LogSafe() {
    }

    /** {@code text} escaped and cut to at most {@code max} characters; null becomes "". */
    static String sanitise(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max && isClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
        int cut = 0;
        int i = 0;
        // Stops as soon as the output is over the limit, so a huge input costs only max steps.
        while (i < text.length() && out.length() <= max) {
            int cp = text.codePointAt(i);
            if (needsEscape(cp)) {
                appendEscape(out, cp);
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
            if (out.length() <= max - 1) {
                cut = out.length();
            }
        }
        if (i == text.length() && out.length() <= max) {
            return out.toString();
        }
        out.setLength(cut);
        return out.append(ELLIPSIS).toString();
    }

    /** {@code 'text'}, sanitised and cut short, for quoting an untrusted value in a detail. */
    static String quote(String text) {
        return text == null ? "(none)" : "'" + sanitise(text, WireLimits.QUOTED_VALUE_CHARS) + "'";
    }

    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (needsEscape(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    static boolean needsEscape(int cp) {
        if (Character.isISOControl(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    private static void appendEscape(StringBuilder out, int cp) {
        if (Character.isBmpCodePoint(cp)) {
            out.append(String.format("\\u%04x", cp));
        } else {
            out.append(String.format("\\U%08x", cp));
        }
    }
}
