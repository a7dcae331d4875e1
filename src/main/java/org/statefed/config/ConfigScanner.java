package org.statefed.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the raw text before ini4j does, for what ini4j cannot do: line numbers for every key,
 * Asterisk's own syntax ({@code =>}, {@code ;} comments anywhere on a line with {@code \;} for a
 * literal semicolon, {@code ;-- --;} block comments) and clear errors for what statefed does not
 * support (templates, {@code #include}). Its output is the text handed to ini4j, line for line, so
 * ini4j's line numbers stay the file's.
 */
final class ConfigScanner {
    private static final Set<String> DIRECTIVES = Set.of("#include", "#tryinclude", "#exec", "#tryexec");
    /** What Asterisk allows in {@code [name](...)}: {@code +}, {@code !} and template names separated by commas. */
    private static final Pattern TEMPLATE_LIST = Pattern.compile("\\+|!?[A-Za-z0-9_.,\\- ]*");

    private final Findings findings;
    private final List<String> output = new ArrayList<>();
    private final List<ScannedSection> sections = new ArrayList<>();
    private final Map<String, Integer> headerLines = new HashMap<>();
    private ScannedSection current;
    private boolean skipping;
    private int skippedSections;
    private boolean inBlockComment;
    private int blockCommentLine;

    private ConfigScanner(Findings findings) {
        this.findings = findings;
    }

    static ScannedText scan(List<String> lines, Findings findings) {
        ConfigScanner scanner = new ConfigScanner(findings);
        for (int i = 0; i < lines.size(); i++) {
            scanner.output.add(scanner.scanLine(lines.get(i), i + 1));
        }
        if (scanner.inBlockComment) {
            findings.error(null, null, scanner.blockCommentLine, null, "this ;-- block comment is never closed"
                    + " with --;, so everything after it is ignored");
        }
        return new ScannedText(String.join("\n", scanner.output), scanner.sections, scanner.skippedSections);
    }

    private String scanLine(String raw, int line) {
        String text = withoutComments(raw, line).strip();
        if (text.isEmpty()) {
            return "";
        }
        if (text.startsWith("#")) {
            return directive(text, line);
        }
        if (text.startsWith("[")) {
            return header(text, line);
        }
        return setting(text, line);
    }

    /** Removes {@code ;} comments and block comments, turning {@code \;} into a literal {@code ;}. */
    private String withoutComments(String raw, int line) {
        StringBuilder kept = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (inBlockComment) {
                int end = raw.indexOf("--;", i);
                if (end < 0) {
                    break;
                }
                inBlockComment = false;
                i = end + 3;
                continue;
            }
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ';') {
                kept.append(';');
                i += 2;
            } else if (c == ';') {
                if (!raw.startsWith(";--", i)) {
                    break;
                }
                inBlockComment = true;
                blockCommentLine = line;
                i += 3;
            } else {
                kept.append(c);
                i++;
            }
        }
        return kept.toString();
    }

    private String directive(String text, int line) {
        String word = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (DIRECTIVES.contains(word)) {
            findings.error(null, null, line, null, text + ": statefed does not process #include or #exec;"
                    + " copy the settings into this file instead");
        }
        // Any other '#' line is an unknown directive, which Asterisk ignores too; ini4j reads it as a comment.
        return "";
    }

    private String header(String text, int line) {
        int close = text.indexOf(']');
        if (close < 0) {
            // Only the first word: "[asterisk secret=TopSecret" must not put the password in the error.
            String shown = text.split("[\\s=]", 2)[0];
            return skipSection(line, shown + (shown.length() < text.length() ? " ..." : "")
                    + ": this section header has no closing ']'");
        }
        String name = text.substring(1, close).strip();
        String rest = text.substring(close + 1).strip();
        if (name.isEmpty()) {
            return skipSection(line, "[]: this section header has no name between '[' and ']'");
        }
        if (!rest.isEmpty()) {
            return unsupportedHeaderSuffix(name, rest, line);
        }
        current = new ScannedSection(name, line);
        Integer firstLine = headerLines.putIfAbsent(current.identity(), line);
        if (firstLine != null) {
            findings.error(name, null, line, null, "this section appears a second time (first on line "
                    + firstLine + "); put all of its keys under one [" + name + "] header");
        }
        skipping = false;
        sections.add(current);
        return "[" + name + "]";
    }

    private String unsupportedHeaderSuffix(String name, String rest, int line) {
        skipping = true;
        skippedSections++;
        current = null;
        String inside = rest.startsWith("(") && rest.endsWith(")") ? rest.substring(1, rest.length() - 1).strip() : null;
        if (inside == null || !TEMPLATE_LIST.matcher(inside).matches()) {
            // Never quoted: "[asterisk] secret = TopSecret" on one line puts a password here.
            findings.error(name, null, line, null, "unexpected text after the section header (not repeated here"
                    + " in case it holds a password); a header is just [" + name + "] on a line of its own,"
                    + " with the settings on the lines below it");
            return "";
        }
        String message;
        if (inside.equals("+")) {
            message = "statefed does not support adding to a section with (+);"
                    + " put all of the section's keys under one [" + name + "] header";
        } else if (inside.startsWith("!")) {
            message = "this is an Asterisk configuration template, which statefed does not support;"
                    + " write its keys out in full in each section that uses it";
        } else {
            message = "this section uses an Asterisk configuration template (" + inside
                    + "), which statefed does not support; write the keys out in full in this section";
        }
        findings.error(name, null, line, rest, message);
        return "";
    }

    private String skipSection(int line, String message) {
        findings.error(null, null, line, null, message);
        skipping = true;
        skippedSections++;
        current = null;
        return "";
    }

    private String setting(String text, int line) {
        if (skipping) {
            return "";
        }
        int equals = text.indexOf('=');
        if (equals < 0) {
            findings.error(current == null ? null : current.name(), null, line, null,
                    "this line is not a key = value setting, a [section] header or a ; comment");
            return "";
        }
        String writtenKey = text.substring(0, equals).strip();
        int valueStart = equals + 1;
        if (valueStart < text.length() && text.charAt(valueStart) == '>') {
            valueStart++;
        }
        String value = text.substring(valueStart).strip();
        if (current == null) {
            // The key is named only if it is one statefed knows: anything else may be a password.
            String shownKey = KnownKeys.isKnown(writtenKey.toLowerCase(Locale.ROOT)) ? writtenKey : null;
            findings.error(null, shownKey, line, null, "this setting is outside any section; put it under"
                    + " [general] or under a client section such as [asterisk]");
            return "";
        }
        if (writtenKey.isEmpty()) {
            findings.error(current.name(), null, line, null, "this line has no key before '='");
            return "";
        }
        if (writtenKey.indexOf(':') >= 0 || writtenKey.endsWith("\\")) {
            findings.error(current.name(), null, line, null,
                    "the key on this line contains ':' or ends with '\\'; a key is a word such as serverhost");
            return "";
        }
        String key = current.kind() == SectionKind.HINTS ? writtenKey : writtenKey.toLowerCase(Locale.ROOT);
        current.add(key, writtenKey, line);
        return key + "=" + value;
    }
}
