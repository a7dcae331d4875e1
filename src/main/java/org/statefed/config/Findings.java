package org.statefed.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors and notices of one read, so that all of them are reported at once. */
final class Findings {
    private final Path file;
    private final List<ConfigError> errors = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    Findings(Path file) {
        this.file = file;
    }

    void error(String section, String key, Integer line, String value, String message) {
        errors.add(new ConfigError(file, section, key, line, value, message));
    }

    /**
     * An error about a setting's value. An empty value is reported as "is empty" rather than as
     * {@code key = } with nothing after it.
     */
    void error(String section, Setting setting, String message) {
        if (setting.value().isEmpty()) {
            error(section, setting.writtenKey(), setting.line(), null, "is empty; " + message);
        } else {
            error(section, setting.writtenKey(), setting.line(), setting.value(), message);
        }
    }

    void notice(String text) {
        notices.add(text);
    }

    int errorCount() {
        return errors.size();
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Errors by line (stable), those without a line last. */
    List<ConfigError> errors() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(ConfigError::line, Comparator.nullsLast(Comparator.naturalOrder())));
        return sorted;
    }

    List<String> notices() {
        return List.copyOf(notices);
    }

    ConfigException failure() {
        return new ConfigException(file, errors());
    }
}
