package org.statefed.admin;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The optional {@code like PATTERN} of the list commands, as Asterisk's {@code mwi list like} takes
 * it: PATTERN is a regular expression searched anywhere in the name, case-sensitive
 * ({@code like ^SIP/1} names starting with {@code SIP/1}, {@code like @sales$} one context).
 * Java's syntax, which agrees with POSIX extended expressions for everything Asterisk users write.
 */
final class NameFilter {
    static final String ARGUMENTS = "[like PATTERN]";
    static final String DESCRIPTION = "With 'like PATTERN', only names in which the regular expression PATTERN\n"
            + "is found (case-sensitive; ^ and $ anchor it; quote it if it has spaces).\n";

    private final Pattern pattern;

    private NameFilter(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * Reads the arguments: none, {@code all} when {@code allowAll}, or {@code like PATTERN}.
     *
     * @throws UsageException for anything else, or a pattern that is not a regular expression
     */
    static NameFilter parse(List<String> args, boolean allowAll) throws UsageException {
        if (args.isEmpty() || allowAll && args.size() == 1 && args.get(0).equalsIgnoreCase("all")) {
            return new NameFilter(null);
        }
        if (!args.get(0).equalsIgnoreCase("like")) {
            throw new UsageException("Unexpected argument '" + args.get(0) + "'.");
        }
        if (args.size() != 2) {
            throw new UsageException(args.size() < 2 ? "'like' needs a PATTERN." : "Unexpected argument '"
                    + args.get(2) + "' (quote a PATTERN that has spaces).");
        }
        try {
            return new NameFilter(Pattern.compile(args.get(1)));
        } catch (PatternSyntaxException e) {
            throw new UsageException("Invalid PATTERN '" + args.get(1) + "': " + e.getDescription() + ".");
        }
    }

    /** Whether {@code name} is listed. */
    boolean accepts(String name) {
        Objects.requireNonNull(name, "name");
        return pattern == null || pattern.matcher(name).find();
    }
}
