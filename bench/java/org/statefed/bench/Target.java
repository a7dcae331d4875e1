package org.statefed.bench;

import java.util.Objects;

/**
 * A target of issue 6 for one figure, and whether a measured value meets it.
 *
 * @param text the target as the report prints it, e.g. "≤ baseline + 0.3 ms"
 * @param check decides from statefed's value and the baseline's (NaN when the figure has none)
 */
public record Target(String text, Check check) {

    /** Whether a measured value meets the target. */
    @FunctionalInterface
    public interface Check {
        boolean met(double statefed, double baseline);
    }

    public Target {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(check, "check");
    }

    /** statefed at most {@code margin} above the baseline (latency percentiles). */
    public static Target atMostAboveBaseline(double margin, String unit) {
        return new Target("≤ baseline + " + margin + " " + unit, (s, b) -> s - b <= margin);
    }

    /** statefed at least {@code factor} × the baseline (rates). */
    public static Target atLeastTimesBaseline(double factor) {
        return new Target("≥ " + factor + " × baseline", (s, b) -> s >= factor * b);
    }

    /** statefed at most {@code factor} × the baseline (durations). */
    public static Target atMostTimesBaseline(double factor) {
        return new Target("≤ " + factor + " × baseline", (s, b) -> s <= factor * b);
    }

    /** An absolute ceiling. */
    public static Target atMost(double limit, String unit) {
        return new Target("≤ " + limit + " " + unit, (s, b) -> s <= limit);
    }

    boolean metBy(double statefed, double baseline) {
        return check.met(statefed, baseline);
    }
}
