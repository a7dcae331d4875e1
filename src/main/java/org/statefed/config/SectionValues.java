package org.statefed.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One section's settings with typed accessors. Every accessor validates and reports a bad value to
 * the {@link Findings}, then returns the default so that reading can go on and find further mistakes;
 * {@link #hadErrors()} tells the caller not to build anything from the section.
 */
final class SectionValues {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,10}");

    private final String section;
    private final Integer headerLine;
    private final Map<String, List<Setting>> settings;
    private final Findings findings;
    private final int errorsBefore;

    SectionValues(String section, Integer headerLine, Map<String, List<Setting>> settings, Findings findings) {
        this.section = section;
        this.headerLine = headerLine;
        this.settings = settings;
        this.findings = findings;
        this.errorsBefore = findings.errorCount();
    }

    String section() {
        return section;
    }

    Map<String, List<Setting>> settings() {
        return settings;
    }

    boolean hadErrors() {
        return findings.errorCount() > errorsBefore;
    }

    /**
     * Reports keys that are unknown or written twice, and notes keys statefed ignores.
     *
     * @param known this section's keys
     * @param elsewhere keys of the other kind of section, to say where a key belongs
     * @param elsewhereName that other kind, e.g. {@code [general]}
     * @param describeKnown this kind of section, e.g. {@code a client section}
     */
    void checkKeys(List<KeySpec> known, List<KeySpec> elsewhere, String elsewhereName, String describeKnown) {
        settings.forEach((key, written) -> {
            Optional<KeySpec> spec = KnownKeys.find(known, key);
            if (spec.isEmpty()) {
                unknownKey(written.get(0), known, elsewhere, elsewhereName, describeKnown);
                return;
            }
            if (!spec.get().repeatable()) {
                for (Setting again : written.subList(1, written.size())) {
                    findings.error(section, again.writtenKey(), again.line(), again.shownValue(),
                            "is set a second time (first on line " + written.get(0).line() + "); keep only one");
                }
            }
            if (spec.get().isIgnored()) {
                Setting first = written.get(0);
                findings.notice("ignored by statefed: [" + section + "] " + first.writtenKey() + " = "
                        + first.shownValue() + " (line " + first.line() + "): " + spec.get().ignoredBecause());
            }
        });
    }

    private void unknownKey(Setting setting, List<KeySpec> known, List<KeySpec> elsewhere, String elsewhereName,
            String describeKnown) {
        String key = setting.key();
        Optional<String> alias = KnownKeys.alias(key);
        Optional<String> near = Suggestions.nearest(key, KnownKeys.names(known));
        Optional<String> nearElsewhere = Suggestions.nearest(key, KnownKeys.names(elsewhere));
        String message;
        if (KnownKeys.find(elsewhere, key).isPresent()) {
            message = "belongs in " + elsewhereName + ", not in " + describeKnown;
        } else if (KnownKeys.find(KnownKeys.COROSYNC, key).isPresent()) {
            // res_corosync.conf writes these in its [general]: someone copying them needs the section's name.
            message = "belongs in a Corosync link section (e.g. [corosync] with type = corosync), not in "
                    + describeKnown;
        } else if (alias.isPresent()) {
            message = "unknown key; did you mean " + alias.get() + "?";
        } else if (near.isPresent()) {
            message = "unknown key; did you mean " + near.get() + "?";
        } else if (nearElsewhere.isPresent()) {
            message = "unknown key; did you mean " + nearElsewhere.get() + " (which belongs in " + elsewhereName + ")?";
        } else {
            // Nothing like a known key: it may be a password written in the wrong place, so it is not echoed.
            findings.error(section, null, setting.line(), null, "unknown key (not repeated here in case it is a"
                    + " password); the keys of " + describeKnown + " are: " + String.join(", ", KnownKeys.names(known)));
            return;
        }
        // Never the value: an unknown key may be a misspelt secret.
        findings.error(section, setting.writtenKey(), setting.line(), null, message);
    }

    Optional<Setting> setting(String key) {
        List<Setting> all = settings.get(key);
        return all == null ? Optional.empty() : Optional.of(all.get(0));
    }

    List<Setting> all(String key) {
        return settings.getOrDefault(key, List.of());
    }

    boolean has(String key) {
        return settings.containsKey(key);
    }

    void error(Setting setting, String message) {
        findings.error(section, setting, message);
    }

    /** An error about a setting whose value is not repeated, because it is huge or may be a secret. */
    void errorWithoutValue(Setting setting, String message) {
        findings.error(section, setting.writtenKey(), setting.line(), null, message);
    }

    /** Something the user should know about the section, which is not a mistake. */
    void notice(String text) {
        findings.notice("[" + section + "] " + text);
    }

    /** A required key that is not written: reported on the section header's line. */
    void missing(String key, String message) {
        findings.error(section, key, headerLine, null, message);
    }

    String text(String key, String defaultValue) {
        return setting(key).map(Setting::value).orElse(defaultValue);
    }

    boolean bool(String key, boolean defaultValue) {
        Optional<Setting> setting = setting(key);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        Optional<Boolean> parsed = BooleanWords.parse(setting.get().value());
        if (parsed.isEmpty()) {
            error(setting.get(), BooleanWords.ALLOWED);
            return defaultValue;
        }
        return parsed.get();
    }

    /**
     * A whole number in {@code min..max}.
     *
     * @param unit what the number counts, e.g. {@code " of seconds"}, or empty
     */
    int integer(String key, int defaultValue, int min, int max, String unit) {
        Optional<Setting> setting = setting(key);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        String text = setting.get().value();
        if (WHOLE_NUMBER.matcher(text).matches()) {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        error(setting.get(), "must be a whole number" + unit + " from " + min + " to " + max);
        return defaultValue;
    }

    /** One of a few words, any case. */
    <T> T choice(String key, T defaultValue, Map<String, T> words, String allowed) {
        Optional<Setting> setting = setting(key);
        if (setting.isEmpty()) {
            return defaultValue;
        }
        T value = words.get(setting.get().value().toLowerCase(Locale.ROOT));
        if (value == null) {
            error(setting.get(), allowed + Suggestions.nearest(setting.get().value(), words.keySet().stream().sorted().toList())
                    .filter(word -> !setting.get().value().isEmpty())
                    .map(word -> "; did you mean " + word + "?").orElse(""));
            return defaultValue;
        }
        return value;
    }
}
