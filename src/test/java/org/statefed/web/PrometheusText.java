package org.statefed.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: every line must be a HELP, a
 * TYPE or a sample with well-formed labels and a number; anything else fails the parse.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) (" + NAME + ") (.*)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\",?");

    /** One sample. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its type, help and samples. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    private PrometheusText() {
    }

    /** @throws IllegalArgumentException naming the first line that is not valid */
    public static Map<String, Family> parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = COMMENT.matcher(line);
                if (!m.matches()) {
                    if (line.startsWith("# HELP") || line.startsWith("# TYPE")) {
                        throw new IllegalArgumentException("line " + number + ": malformed: " + line);
                    }
                    continue;
                }
                (m.group(1).equals("TYPE") ? types : helps).put(m.group(2), m.group(3));
                if (m.group(1).equals("TYPE") && !List.of("counter", "gauge", "histogram", "summary", "untyped")
                        .contains(m.group(3))) {
                    throw new IllegalArgumentException("line " + number + ": unknown type " + m.group(3));
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + number + ": not a sample: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                int end = 0;
                while (l.lookingAt()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                    end = l.end();
                    l.region(end, m.group(3).length());
                }
                if (end != m.group(3).length()) {
                    throw new IllegalArgumentException("line " + number + ": malformed labels: " + line);
                }
            }
            samples.add(new Sample(m.group(1), labels, value(m.group(4), number)));
        }
        Map<String, Family> families = new LinkedHashMap<>();
        types.forEach((name, type) -> families.put(name, new Family(name, type, helps.getOrDefault(name, ""),
                new ArrayList<>())));
        for (Sample sample : samples) {
            Family family = families.get(familyOf(sample.name(), families));
            if (family == null) {
                throw new IllegalArgumentException("sample " + sample.name() + " has no TYPE line");
            }
            family.samples().add(sample);
        }
        return families;
    }

    private static String familyOf(String sample, Map<String, Family> families) {
        if (families.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_total", "_count", "_sum", "_bucket", "_created", "_max")) {
            if (sample.endsWith(suffix) && families.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
                return sample.substring(0, sample.length() - suffix.length());
            }
        }
        return sample;
    }

    private static double value(String text, int line) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + line + ": not a number: " + text);
                }
        }
    }
}
