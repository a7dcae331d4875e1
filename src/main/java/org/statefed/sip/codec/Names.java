package org.statefed.sip.codec;

/**
 * The rules every name in a body follows (device, mailbox uniqueid), shared by the decoder, which rejects,
 * and the records, which refuse to be built. Names become table keys and, on the XMPP side, PubSub item
 * ids, so the limits are those of the other codecs: not empty, at most {@link #MAX_NAME_CHARS} characters,
 * no control characters. Problems never quote the name: it is untrusted and would go into logs.
 */
final class Names {
    static final int MAX_NAME_CHARS = 256;

    private Names() {
    }

    record Problem(BodyRejectReason reason, String detail) {
    }

    /** Null if {@code name} is usable, else the problem; {@code what} names it in the detail. */
    static Problem problem(String what, String name) {
        if (name == null || name.isEmpty()) {
            return new Problem(BodyRejectReason.EMPTY_NAME, what + " is empty");
        }
        if (name.length() > MAX_NAME_CHARS) {
            return new Problem(BodyRejectReason.OVERSIZED_NAME,
                    what + " has " + name.length() + " characters, more than " + MAX_NAME_CHARS);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // C0, DEL, C1 and the Unicode line and paragraph separators could forge log lines.
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return new Problem(BodyRejectReason.CONTROL_CHARACTER, String.format(
                        "%s has a control character (U+%04X) at position %d", what, (int) c, i + 1));
            }
        }
        return null;
    }

    /**
     * Null if {@code uniqueId} is a usable {@code mailbox@context}. Asterisk splits it at the first '@'
     * ({@code strsep}); a second '@' would put one in the context, which statefed's other links cannot
     * carry unambiguously, and an empty part names no mailbox.
     */
    static Problem uniqueIdProblem(String uniqueId) {
        Problem problem = problem("uniqueid", uniqueId);
        if (problem != null) {
            return problem;
        }
        int at = uniqueId.indexOf('@');
        if (at <= 0 || at == uniqueId.length() - 1 || uniqueId.indexOf('@', at + 1) >= 0) {
            return new Problem(BodyRejectReason.BAD_MAILBOX, "uniqueid is not mailbox@context with exactly one '@'"
                    + " and both parts non-empty");
        }
        return null;
    }

    static void require(Problem problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem.detail());
        }
    }
}
