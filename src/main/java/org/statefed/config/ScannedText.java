package org.statefed.config;

import java.util.List;

/**
 * The result of the pre-scan.
 *
 * @param normalized the file rewritten for ini4j, line for line: comments and unreadable lines
 *     blanked, {@code key => value} turned into {@code key=value}, keys lower-cased outside
 *     {@code [hints]}
 * @param sections the readable sections in file order
 * @param skippedSections how many sections were left out because statefed cannot read them
 *     (templates, broken headers)
 */
record ScannedText(String normalized, List<ScannedSection> sections, int skippedSections) {

    ScannedText {
        sections = List.copyOf(sections);
    }
}
