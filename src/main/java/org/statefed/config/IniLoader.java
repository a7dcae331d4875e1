package org.statefed.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.InvalidFileFormatException;
import org.ini4j.Profile;

/** Hands the pre-scanned text to ini4j and pairs ini4j's values with the pre-scan's line numbers. */
final class IniLoader {
    private static final Pattern INI4J_LINE = Pattern.compile("at line: (\\d+)");

    private IniLoader() {
    }

    /**
     * Parses {@code text} with ini4j configured for Asterisk files: repeated keys kept ({@code buddy}),
     * backslashes kept as written (passwords), no include processing, no line continuation.
     *
     * @return empty, with an error recorded, when ini4j cannot read the text
     */
    static Optional<Ini> load(String text, Findings findings) {
        Config config = new Config();
        config.setMultiOption(true);
        config.setMultiSection(true);
        config.setEscape(false);
        config.setEscapeNewline(false);
        config.setEmptyOption(true);
        config.setEmptySection(true);
        config.setInclude(false);
        config.setTree(false);
        config.setGlobalSection(false);
        config.setLowerCaseOption(false);
        config.setLowerCaseSection(false);
        Ini ini = new Ini();
        ini.setConfig(config);
        try {
            ini.load(new StringReader(text));
            return Optional.of(ini);
        } catch (InvalidFileFormatException e) {
            findings.error(null, null, lineOf(e), null, "statefed cannot read this line; expected a [section]"
                    + " header, a key = value setting or a ; comment");
            return Optional.empty();
        } catch (IOException e) {
            // Reading from a StringReader does not fail; if it did, that is a bug, not a user mistake.
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line named in ini4j's message, or null if it names none. */
    static Integer lineOf(InvalidFileFormatException e) {
        Matcher m = INI4J_LINE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Each scanned section's settings: key to its values in file order, each with its line. */
    static Map<ScannedSection, Map<String, List<Setting>>> settings(Ini ini, List<ScannedSection> sections) {
        Map<String, Integer> occurrences = new HashMap<>();
        Map<ScannedSection, Map<String, List<Setting>>> result = new LinkedHashMap<>();
        for (ScannedSection scanned : sections) {
            int occurrence = occurrences.merge(scanned.name(), 1, Integer::sum) - 1;
            List<Profile.Section> same = ini.getAll(scanned.name());
            if (same == null || same.size() <= occurrence) {
                throw new IllegalStateException("ini4j did not return section [" + scanned.name() + "] #"
                        + occurrence);
            }
            result.put(scanned, settingsOf(scanned, same.get(occurrence)));
        }
        return result;
    }

    private static Map<String, List<Setting>> settingsOf(ScannedSection scanned, Profile.Section section) {
        Map<String, List<Setting>> settings = new LinkedHashMap<>();
        scanned.keys().forEach((key, lines) -> {
            List<String> values = section.getAll(key);
            if (values == null || values.size() != lines.size()) {
                throw new IllegalStateException("ini4j read " + (values == null ? 0 : values.size())
                        + " values for " + key + " in [" + scanned.name() + "], the file has " + lines.size());
            }
            List<Setting> forKey = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String value = values.get(i) == null ? "" : values.get(i);
                forKey.add(new Setting(key, lines.get(i).writtenKey(), value, lines.get(i).line()));
            }
            settings.put(key, List.copyOf(forKey));
        });
        return settings;
    }
}
