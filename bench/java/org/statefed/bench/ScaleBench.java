package org.statefed.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Scenario 5: the in-process figures, JMH in one forked JVM, then the heap per entry in this one. */
public final class ScaleBench {
    static final String SCENARIO = "5 scale";
    static final String SERVER = "in-process";
    static final int HEAP_DEVICES = 100_000;
    static final int HEAP_SITES = 10;
    /** Issue 15: 100 000 devices × 50 sites, 5 million entries. */
    static final int HEAP_SITES_LARGE = 50;

    private ScaleBench() {
    }

    public static List<Figure> run() throws RunnerException {
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of(SCENARIO, SERVER, "heap per (device, site) entry", "bytes",
                HeapPerEntry.measure(HEAP_DEVICES, HEAP_SITES), Double.NaN, Target.atMost(200, "bytes"),
                HEAP_DEVICES + " devices × " + HEAP_SITES + " sites, GC'd heap delta"));
        double large = HeapPerEntry.measure(HEAP_DEVICES, HEAP_SITES_LARGE);
        figures.add(Figure.of(SCENARIO, SERVER, "heap per (device, site) entry", "bytes", large, Double.NaN,
                Target.atMost(200, "bytes"), String.format(java.util.Locale.ROOT, "%d devices × %d sites, GC'd heap"
                        + " delta: %.0f MB in all", HEAP_DEVICES, HEAP_SITES_LARGE,
                        large * HEAP_DEVICES * HEAP_SITES_LARGE / 1e6)));
        Options options = new OptionsBuilder()
                .include(DeviceStateTableBench.class.getName())
                .include(CodecBench.class.getName())
                .include(CorosyncCodecBench.class.getName())
                .include(RepublishBench.class.getName())
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xms512m", "-Xmx512m")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            Result<?> primary = run.getPrimaryResult();
            double p50 = primary.getStatistics().getPercentile(50.0);
            Target target = method.startsWith("update") ? Target.atMost(1000, "ns") : null;
            String sites = run.getParams().getParam("sites");
            String what = name.contains("CorosyncCodecBench") ? "corosync codec " + method + " per event"
                    : name.contains("CodecBench") ? "codec " + method + " per item"
                    : name.contains("RepublishBench") ? "republish read " + method + " (" + RepublishBench.DEVICES
                            + " devices × " + sites + " sites)"
                    : "table " + method + " (" + sites + " sites)";
            // Each benchmark's own unit (RepublishBench reports µs): the score and percentiles are in it.
            String unit = primary.getScoreUnit().replace("/op", "").replace("us", "µs");
            figures.add(Figure.of(SCENARIO, SERVER, what + ", p50", unit, p50, Double.NaN, target,
                    String.format(java.util.Locale.ROOT, "mean %.0f %s", primary.getScore(), unit)));
        }
        return figures;
    }
}
