package org.statefed.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.statefed.bench.Figure;
import org.statefed.bench.Target;
import org.statefed.state.DeviceState;

/**
 * Scenario 1: one change at a time at A until B's aggregate reflects it, beside a raw publish until
 * the event reaches a subscriber. Blocks of statefed and raw samples alternate, so both see the same
 * noise of this shared machine.
 */
final class LatencyScenario {
    static final String SCENARIO = "1 latency";
    private static final int WARMUP = 100;
    private static final int BLOCK = 100;
    private static final int BLOCKS = 6;

    private LatencyScenario() {
    }

    static List<Figure> run(Sites sites) throws InterruptedException {
        sites.raw().received(0).reset();
        sites.seenAtB().latencyArrivals.clear();
        measure(sites, true, WARMUP);
        measure(sites, false, WARMUP);
        List<Double> statefed = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int block = 0; block < BLOCKS; block++) {
            statefed.addAll(measure(sites, true, BLOCK));
            raw.addAll(measure(sites, false, BLOCK));
        }
        double[] s = sorted(statefed);
        double[] r = sorted(raw);
        String note = s.length + " samples";
        return List.of(
                Figure.of(SCENARIO, sites.kind(), "p50", "ms", pct(s, 50), pct(r, 50),
                        Target.atMostAboveBaseline(0.3, "ms"), note),
                Figure.of(SCENARIO, sites.kind(), "p90", "ms", pct(s, 90), pct(r, 90), null, note),
                Figure.of(SCENARIO, sites.kind(), "p99", "ms", pct(s, 99), pct(r, 99),
                        Target.atMostAboveBaseline(1.0, "ms"), note),
                Figure.of(SCENARIO, sites.kind(), "max", "ms", s[s.length - 1], r[r.length - 1], null, note));
    }

    /** {@code count} sequential changes, each awaited at the receiver; milliseconds each. */
    private static List<Double> measure(Sites sites, boolean viaStatefed, int count) throws InterruptedException {
        BlockingQueue<Long> arrivals = viaStatefed ? sites.seenAtB().latencyArrivals : sites.raw().received(0).arrivals;
        List<Double> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DeviceState state = i % 2 == 0 ? DeviceState.INUSE : DeviceState.NOT_INUSE;
            long start = System.nanoTime();
            if (viaStatefed) {
                sites.a().changeDeviceState(SeenStates.LATENCY_DEVICE, state);
            } else {
                sites.raw().publish(SeenStates.LATENCY_DEVICE, Sites.rawPayload(state));
            }
            Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
            if (arrived == null) {
                throw new AssertionError((viaStatefed ? "statefed" : "raw Smack") + " change " + i
                        + " did not arrive within 10 s on " + sites.kind());
            }
            samples.add((arrived - start) / 1e6);
        }
        return samples;
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
