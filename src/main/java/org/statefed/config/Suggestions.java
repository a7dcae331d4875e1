package org.statefed.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …?": the known word nearest to a misspelt one, by Levenshtein distance ignoring
 * case, if it is close enough to be a likely typo. Used for config keys and command-line words.
 */
public final class Suggestions {
    /** Two edits catch a swapped pair or a missing underscore without suggesting unrelated words. */
    public static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /** The nearest of {@code known} within {@link #MAX_DISTANCE}; the earliest one wins a tie. */
    public static Optional<String> nearest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        String lowerTyped = typed.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int distance = distance(lowerTyped, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The Levenshtein edit distance between two strings. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
