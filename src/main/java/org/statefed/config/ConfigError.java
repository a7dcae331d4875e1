package org.statefed.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One mistake in a configuration file, in the words a user sees from {@code check-config}, e.g.
 * {@code jabber.conf:14: [asterisk] port = 99999: must be a whole number from 1 to 65535}.
 *
 * @param file the file, as the user named it
 * @param section the section name without brackets, or null for a problem outside any section
 * @param key the key as written, or null for a problem with a whole section or line
 * @param line 1-based line number, or null when the problem has no single line (e.g. a missing file)
 * @param value the offending value; for a problem with a section header ({@code key} null), the text
 *     written after the section name, e.g. {@code (!)}. Never a secret: values of secret keys are
 *     replaced by {@code ***}
 * @param message what is wrong and what is allowed
 */
public record ConfigError(Path file, String section, String key, Integer line, String value, String message) {

    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (value != null && key != null && SecretKeys.holdsSecret(key)) {
            value = SecretKeys.MASK;
        }
    }

    /** The line as {@code check-config} prints it: {@code file:line: [section] key = value: message}. */
    public String format() {
        StringBuilder out = new StringBuilder().append(file);
        if (line != null) {
            out.append(':').append(line);
        }
        out.append(':');
        if (section != null) {
            out.append(" [").append(section).append(']');
            if (key == null && value != null) {
                out.append(value);
            }
        }
        if (key != null) {
            out.append(' ').append(key);
            if (value != null) {
                out.append(" = ").append(value);
            }
        }
        if (section != null || key != null) {
            out.append(':');
        }
        return out.append(' ').append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
