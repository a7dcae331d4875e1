package org.statefed.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.statefed.bench.Figure;
import org.statefed.bench.Target;

/**
 * Scenario 7 over its grid: every server × sites × devices per site (smallest first, so a run cut short
 * still has the small points), then the table rows, scale.csv and the charts.
 */
final class ScaleRun {
    /** Issue 15's targets hold at every N; the restart target is for 50 sites × 1 000 devices on ejabberd. */
    private static final Target STORM = Target.atMostTimesBaseline(1.5);
    private static final Target CPU = Target.atMostTimesBaseline(1.3);
    private static final Target RESTART_50 = Target.atMost(10, "s");

    private ScaleRun() {
    }

    static List<Figure> run(Path out, List<String> servers, List<Integer> sites, List<Integer> devices,
            Duration limit) throws Exception {
        return run(out, servers, sites, devices, limit, true, true);
    }

    /**
     * @param raw whether each point measures the raw-Smack baseline too (no: statefed's side alone, for
     *            debugging; its ratios are then NaN)
     * @param warmUp whether a small point runs first, unreported
     */
    static List<Figure> run(Path out, List<String> servers, List<Integer> sites, List<Integer> devices,
            Duration limit, boolean raw, boolean warmUp) throws Exception {
        return run(out, servers, sites, devices, limit, raw, warmUp, false);
    }

    /** @param restartOnly only the restart phase, without the storm ({@link ScaleScenario#restartOnly}) */
    static List<Figure> run(Path out, List<String> servers, List<Integer> sites, List<Integer> devices,
            Duration limit, boolean raw, boolean warmUp, boolean restartOnly) throws Exception {
        List<ScalePoint> points = new ArrayList<>();
        // One point first, thrown away: the JIT compiles Smack's and statefed's paths there, not in the first
        // measured storm (statefed's side runs first in each point, so it would pay it alone).
        if (warmUp) {
            // 10 × 500: 45 000 events per side, enough for C2 to compile the per-event paths (a 3 × 500 warm-up,
            // 3 000 events, left the JIT's compile time in the first measured point: 3 × 1 000 cost 2.8 × raw's CPU).
            System.out.println("[bench] scale warm-up (10 sites × 500 devices, not reported)");
            try {
                ScaleScenario.run(servers.get(0), 10, 500, limit, raw);
            } catch (Exception | AssertionError e) {
                // A server too slow to start on a loaded machine must not end the run before its first point.
                System.out.printf("[bench] scale warm-up failed, going on without it: %s%n", e);
            }
        }
        for (int d : devices) {
            for (int n : sites) {
                for (String kind : servers) {
                    try {
                        points.add(restartOnly ? ScaleScenario.restartOnly(kind, n, d, limit, raw)
                                : ScaleScenario.run(kind, n, d, limit, raw));
                    } catch (Exception | AssertionError e) {
                        System.out.printf("[bench] %s scale %d sites × %d devices failed: %s%n", kind, n, d, e);
                    }
                    // Written after every point: a run stopped later keeps what it measured.
                    ScaleCharts.writeCsv(out.resolve("scale.csv"), points);
                }
            }
        }
        ScaleCharts.draw(out, points);
        return figures(points);
    }

    static List<Figure> figures(List<ScalePoint> points) {
        List<Figure> figures = new ArrayList<>();
        for (ScalePoint p : points) {
            String at = p.sites() + " sites × " + p.devices() + " devices";
            figures.add(Figure.of(ScaleScenario.SCENARIO, p.server(), "storm until every site holds every final value, "
                    + at, "s", p.stormSeconds(), p.rawStormSeconds(), STORM, p.appliedChanges() + " applied changes, "
                    + p.published() + " publishes for " + (long) p.sites() * p.devices() + " changes; raw: "
                    + (long) p.sites() * p.devices() + " final items"));
            figures.add(Figure.of(ScaleScenario.SCENARIO, p.server(), "JVM CPU per applied change, " + at, "µs",
                    p.cpuPerChangeMicros(), p.rawCpuPerEventMicros(), CPU, "raw: per event received"));
            figures.add(Figure.of(ScaleScenario.SCENARIO, p.server(), "server CPU per applied change, " + at, "µs",
                    p.serverCpuPerChangeMicros(), p.rawServerCpuPerEventMicros(), null, "raw: per event"));
            boolean fifty = p.sites() == 50 && p.devices() == 1000 && p.server().equals("ejabberd");
            figures.add(Figure.of(ScaleScenario.SCENARIO, p.server(), "restarted site synced, " + at, "s",
                    p.restartSeconds(), p.rawRestartSeconds(), fifty ? RESTART_50 : null,
                    "raw: log in, fetch the N − 1 nodes"));
            figures.add(Figure.of(ScaleScenario.SCENARIO, p.server(), "heap per (device, site) entry, " + at, "bytes",
                    p.heapPerEntryBytes(), Double.NaN, null, "GC'd heap added by the storm ÷ N × N × D"));
            figures.add(Figure.of(ScaleScenario.SCENARIO, p.server(), "heap per site, " + at, "kB",
                    p.heapPerSiteBytes() / 1024, Double.NaN, null, "started, empty; GC'd heap ÷ N"));
            figures.add(Figure.of(ScaleScenario.SCENARIO, p.server(), "set-up of every site, " + at, "s",
                    p.setUpSeconds(), Double.NaN, null, "start until every site is through its session set-up"));
        }
        // A restart-only point measured neither side of the storm: no row rather than a "not finished" one.
        figures.removeIf(f -> Double.isNaN(f.statefed()) && Double.isNaN(f.baseline()));
        return figures;
    }
}
