package org.statefed.corosync.codec;

/**
 * The rules every name in an event follows (device, mailbox, context, local address), shared by the
 * decoder, which rejects, and the records, which refuse to be built. Names become table keys and, on
 * the XMPP side, PubSub item ids, so the limits are those of {@code org.statefed.wire.ItemDecoder}'s
 * item ids: not empty, at most {@link #MAX_NAME_CHARS} characters, no control characters.
 * Problems never quote the name: it is untrusted and would go into logs.
 */
final class Names {
    /** Same as the wire package's longest item id, so every name statefed learns can be published. */
    static final int MAX_NAME_CHARS = 256;

    private Names() {
    }

    /** Null if {@code name} is a usable name, else the problem; {@code what} names it in the detail. */
    static NameProblem problem(String what, String name) {
        if (name == null || name.isEmpty()) {
            return new NameProblem(EventRejectReason.EMPTY_NAME, what + " is empty");
        }
        if (name.length() > MAX_NAME_CHARS) {
            return new NameProblem(EventRejectReason.OVERSIZED_NAME,
                    what + " has " + name.length() + " characters, more than " + MAX_NAME_CHARS);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // C0, DEL, C1 and the Unicode line and paragraph separators could forge log lines.
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return new NameProblem(EventRejectReason.CONTROL_CHARACTER, String.format(
                        "%s has a control character (U+%04X) at position %d", what, (int) c, i + 1));
            }
        }
        return null;
    }

    /**
     * Null if {@code mailbox} and {@code context} make a usable {@code mailbox@context}, else the
     * problem. Asterisk splits a mailbox id at its first '@', so a mailbox never holds one; a context
     * holding one would make the id ambiguous for statefed's tables and item ids.
     */
    static NameProblem mailboxProblem(String mailbox, String context) {
        NameProblem problem = problem("mailbox", mailbox);
        if (problem == null) {
            problem = problem("context", context);
        }
        if (problem != null) {
            return problem;
        }
        if (mailbox.indexOf('@') >= 0) {
            return new NameProblem(EventRejectReason.BAD_MAILBOX, "mailbox contains '@'");
        }
        if (context.indexOf('@') >= 0) {
            return new NameProblem(EventRejectReason.BAD_MAILBOX, "context contains '@'");
        }
        int length = mailbox.length() + 1 + context.length();
        if (length > MAX_NAME_CHARS) {
            return new NameProblem(EventRejectReason.OVERSIZED_NAME,
                    "mailbox@context has " + length + " characters, more than " + MAX_NAME_CHARS);
        }
        return null;
    }

    /** Throws for the constructors of the event records. */
    static void require(NameProblem problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem.detail());
        }
    }
}
