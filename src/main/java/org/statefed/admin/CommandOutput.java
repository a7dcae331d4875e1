package org.statefed.admin;

import java.util.Locale;

/** The text a command prints, lines ending with {@code \n} whatever the platform. */
public final class CommandOutput {
    private final StringBuilder text = new StringBuilder();

    /** Appends one line. */
    public CommandOutput println(String line) {
        text.append(line).append('\n');
        return this;
    }

    /** Appends {@link String#format} of the arguments (root locale) and a newline. */
    public CommandOutput printf(String format, Object... args) {
        return println(String.format(Locale.ROOT, format, args));
    }

    /** Appends text as it is. */
    public CommandOutput print(String chunk) {
        text.append(chunk);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
