package org.statefed.bench;

import java.util.Objects;
import java.util.Optional;

/**
 * One measured figure: statefed's value beside the raw-Smack baseline measured in the same run.
 *
 * @param scenario e.g. "1 latency"
 * @param server "prosody", "ejabberd", or "in-process"
 * @param metric e.g. "p50"
 * @param unit e.g. "ms", "changes/s"
 * @param statefed statefed's value
 * @param baseline the raw-Smack value, NaN where the figure has no baseline (in-process figures)
 * @param target the target for this figure, if it has one
 * @param note how it was measured, where the column headers do not say it
 */
public record Figure(String scenario, String server, String metric, String unit, double statefed, double baseline,
        Optional<Target> target, String note) {

    public Figure {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(note, "note");
    }

    public static Figure of(String scenario, String server, String metric, String unit, double statefed,
            double baseline, Target target, String note) {
        return new Figure(scenario, server, metric, unit, statefed, baseline, Optional.ofNullable(target), note);
    }

    public boolean hasBaseline() {
        return !Double.isNaN(baseline);
    }

    /** statefed ÷ baseline, NaN without a baseline. */
    public double ratio() {
        return hasBaseline() && baseline != 0 ? statefed / baseline : Double.NaN;
    }

    /** Whether the target is met; empty when the figure has no target. */
    public Optional<Boolean> met() {
        return target.map(t -> t.metBy(statefed, baseline));
    }
}
