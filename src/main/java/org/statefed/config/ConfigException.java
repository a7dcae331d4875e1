package org.statefed.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A configuration file statefed cannot run with. Carries every mistake found, not just the first;
 * its message lists them all, one per line, followed by {@link #summary()}.
 */
public final class ConfigException extends Exception {
    private final Path file;
    private final transient List<ConfigError> errors;

    public ConfigException(Path file, List<ConfigError> errors) {
        super(describe(file, errors));
        this.file = Objects.requireNonNull(file, "file");
        this.errors = List.copyOf(errors);
        if (this.errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
    }

    /** The file that was read, as the user named it. */
    public Path file() {
        return file;
    }

    /** Every mistake, in file order where they have a line. */
    public List<ConfigError> errors() {
        return errors;
    }

    /** E.g. {@code 5 errors in jabber.conf; statefed will not start until they are fixed.} */
    public String summary() {
        return summary(file, errors.size());
    }

    private static String summary(Path file, int count) {
        return count == 1
                ? "1 error in " + file + "; statefed will not start until it is fixed."
                : count + " errors in " + file + "; statefed will not start until they are fixed.";
    }

    private static String describe(Path file, List<ConfigError> errors) {
        return errors.stream().map(ConfigError::format).collect(Collectors.joining("\n"))
                + "\n" + summary(file, errors.size());
    }
}
