package org.statefed.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Asterisk's {@code ast_true}/{@code ast_false} words, any case. */
final class BooleanWords {
    static final String ALLOWED = "must be yes or no (also accepted: true/false, on/off, y/n, t/f, 1/0)";

    private static final Set<String> TRUE = Set.of("yes", "true", "y", "t", "1", "on");
    private static final Set<String> FALSE = Set.of("no", "false", "n", "f", "0", "off");

    private BooleanWords() {
    }

    /** The boolean {@code text} means, or empty if it is none of the words. */
    static Optional<Boolean> parse(String text) {
        String word = text.toLowerCase(Locale.ROOT);
        if (TRUE.contains(word)) {
            return Optional.of(Boolean.TRUE);
        }
        if (FALSE.contains(word)) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    /** How a boolean is written in listings. */
    static String word(boolean value) {
        return value ? "yes" : "no";
    }
}
