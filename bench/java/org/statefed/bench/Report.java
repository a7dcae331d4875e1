package org.statefed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every figure of one benchmark run, as results.json and as the Markdown table docs/benchmarks.md keeps. */
public final class Report {
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> machine;

    /** @param machine what the run ran on (cores, JVM, server versions), printed above the table */
    public Report(Map<String, String> machine) {
        this.machine = Map.copyOf(machine);
    }

    public synchronized void add(Figure figure) {
        figures.add(figure);
    }

    public synchronized void addAll(List<Figure> more) {
        figures.addAll(more);
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The table: one row per figure, baseline and ratio beside statefed's value, target and verdict. */
    public synchronized String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| scenario | server | figure | statefed | raw Smack | ratio | target | met |\n");
        md.append("|---|---|---|---:|---:|---:|---|---|\n");
        for (Figure f : figures) {
            md.append("| ").append(f.scenario())
                    .append(" | ").append(f.server())
                    .append(" | ").append(f.metric()).append(f.note().isEmpty() ? "" : " (" + f.note() + ")")
                    .append(" | ").append(number(f.statefed())).append(' ').append(f.unit())
                    .append(" | ").append(f.hasBaseline() ? number(f.baseline()) + " " + f.unit() : "–")
                    .append(" | ").append(Double.isNaN(f.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f", f.ratio()))
                    .append(" | ").append(f.target().map(Target::text).orElse(""))
                    .append(" | ").append(f.met().map(m -> m ? "met" : "**missed**").orElse(""))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** Writes results.json (hand-written JSON: one flat object per figure, no library needed). */
    public synchronized void writeJson(Path file) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"machine\": {");
        String separator = "";
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(machine).entrySet()) {
            json.append(separator).append("\n    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            separator = ",";
        }
        json.append("\n  },\n  \"figures\": [");
        separator = "";
        for (Figure f : figures) {
            json.append(separator).append("\n    {")
                    .append("\"scenario\": ").append(quote(f.scenario()))
                    .append(", \"server\": ").append(quote(f.server()))
                    .append(", \"metric\": ").append(quote(f.metric()))
                    .append(", \"unit\": ").append(quote(f.unit()))
                    .append(", \"statefed\": ").append(jsonNumber(f.statefed()))
                    .append(", \"baseline\": ").append(jsonNumber(f.baseline()))
                    .append(", \"ratio\": ").append(jsonNumber(f.ratio()))
                    .append(", \"target\": ").append(f.target().map(t -> quote(t.text())).orElse("null"))
                    .append(", \"met\": ").append(f.met().map(String::valueOf).orElse("null"))
                    .append(", \"note\": ").append(quote(f.note()))
                    .append('}');
            separator = ",";
        }
        json.append("\n  ]\n}\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    /** The machine description as Markdown lines. */
    public String machineLines() {
        StringBuilder md = new StringBuilder();
        new java.util.TreeMap<>(machine).forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        return md.toString();
    }

    private static String number(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String jsonNumber(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
