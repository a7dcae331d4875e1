package org.statefed.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A section as the pre-scan found it: its name, header line and the lines of its keys. */
final class ScannedSection {
    private final String name;
    private final int headerLine;
    private final Map<String, List<KeyLine>> keys = new LinkedHashMap<>();

    /** Where one key was written. */
    record KeyLine(int line, String writtenKey) {
    }

    ScannedSection(String name, int headerLine) {
        this.name = name;
        this.headerLine = headerLine;
    }

    String name() {
        return name;
    }

    int headerLine() {
        return headerLine;
    }

    SectionKind kind() {
        return SectionKind.of(name);
    }

    /**
     * What makes two sections the same section: the name, except that {@code [general]} and
     * {@code [hints]} are recognised in any case.
     */
    String identity() {
        return kind() == SectionKind.CLIENT ? name : kind().name();
    }

    void add(String key, String writtenKey, int line) {
        keys.computeIfAbsent(key, k -> new ArrayList<>()).add(new KeyLine(line, writtenKey));
    }

    /** Keys in first-appearance order, each with every line it was written on. */
    Map<String, List<KeyLine>> keys() {
        return Collections.unmodifiableMap(keys);
    }
}
