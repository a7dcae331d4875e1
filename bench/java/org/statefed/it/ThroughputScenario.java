package org.statefed.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.statefed.bench.Figure;
import org.statefed.bench.Target;
import org.statefed.state.DeviceState;

/**
 * Scenario 2: distinct-device changes at A as fast as A accepts them, counted as applied at B; beside
 * raw fire-and-forget publishes counted as received by a subscriber. Rounds alternate; the median
 * round is reported.
 */
final class ThroughputScenario {
    static final String SCENARIO = "2 throughput";
    private static final int DEVICES = 3000;
    private static final int ROUNDS = 3;
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private ThroughputScenario() {
    }

    static List<Figure> run(Sites sites) {
        List<Double> statefed = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            DeviceState state = round % 2 == 0 ? DeviceState.INUSE : DeviceState.NOT_INUSE;
            statefed.add(statefedRound(sites, state));
            raw.add(rawRound(sites, state));
        }
        statefed.sort(null);
        raw.sort(null);
        return List.of(Figure.of(SCENARIO, sites.kind(), "changes/s applied at B", "changes/s",
                statefed.get(ROUNDS / 2), raw.get(ROUNDS / 2), Target.atLeastTimesBaseline(0.9),
                "median of " + ROUNDS + " rounds of " + DEVICES + " devices; raw: events/s at a subscriber, "
                        + "publishes not windowed"));
    }

    private static double statefedRound(Sites sites, DeviceState state) {
        long before = sites.seenAtB().changes.get();
        long start = System.nanoTime();
        for (int i = 0; i < DEVICES; i++) {
            sites.a().changeDeviceState("PJSIP/tp" + i, state);
        }
        Await.until(LIMIT, () -> sites.seenAtB().changes.get() - before >= DEVICES,
                () -> "B applied " + (sites.seenAtB().changes.get() - before) + " of " + DEVICES);
        return perSecond(start);
    }

    private static double rawRound(Sites sites, DeviceState state) {
        RawPubSub.Received received = sites.raw().received(0);
        long before = received.events.get();
        long start = System.nanoTime();
        for (int i = 0; i < DEVICES; i++) {
            sites.raw().publish("PJSIP/tp" + i, Sites.rawPayload(state));
        }
        Await.until(LIMIT, () -> received.events.get() - before >= DEVICES,
                () -> "subscriber got " + (received.events.get() - before) + " of " + DEVICES + ", "
                        + sites.raw().failedPublishes() + " publishes failed");
        return perSecond(start);
    }

    /** Changes per second from {@code start} (before the first change) until now (the last one arrived). */
    private static double perSecond(long start) {
        return DEVICES / ((System.nanoTime() - start) / 1e9);
    }
}
