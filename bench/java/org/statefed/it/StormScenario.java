package org.statefed.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.statefed.bench.Figure;
import org.statefed.bench.Target;
import org.statefed.state.DeviceState;
import org.statefed.wire.DeviceStateElement;
import org.statefed.xmpp.Counters;

/**
 * Scenario 3: 1000 devices × 10 changes at A, until B and C hold every final value, and how many
 * publishes A sent; beside raw Smack publishing the 1000 final items until both subscribers hold all.
 */
final class StormScenario {
    static final String SCENARIO = "3 storm";
    private static final int DEVICES = 1000;
    private static final int CHANGES = 10;
    private static final int RUNS = 2;
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final DeviceState[] CYCLE = {DeviceState.INUSE, DeviceState.RINGING, DeviceState.NOT_INUSE,
        DeviceState.BUSY, DeviceState.ONHOLD, DeviceState.UNAVAILABLE};

    private StormScenario() {
    }

    static List<Figure> run(Sites sites) {
        List<Double> statefed = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        long sent = 0;
        for (int run = 0; run < RUNS; run++) {
            long sentBefore = sites.a().counters().get(Counters.Counter.PUBLISH_SENT);
            statefed.add(statefedRun(sites, "PJSIP/st" + run + "-"));
            sent = Math.max(sent, sites.a().counters().get(Counters.Counter.PUBLISH_SENT) - sentBefore);
            raw.add(rawRun(sites, "PJSIP/st" + run + "-"));
        }
        statefed.sort(null);
        raw.sort(null);
        return List.of(
                Figure.of(SCENARIO, sites.kind(), "until B and C hold every final value", "s", statefed.get(0),
                        raw.get(0), Target.atMostTimesBaseline(1.5), "best of " + RUNS + "; " + DEVICES + " × "
                                + CHANGES + " changes; raw: the " + DEVICES + " final items"),
                Figure.of(SCENARIO, sites.kind(), "items published", "items", sent, DEVICES, null,
                        "most of " + RUNS + " runs, of " + DEVICES * CHANGES + " changes"));
    }

    private static double statefedRun(Sites sites, String prefix) {
        Map<String, DeviceState> finals = new HashMap<>();
        long start = System.nanoTime();
        for (int change = 0; change < CHANGES; change++) {
            for (int d = 0; d < DEVICES; d++) {
                DeviceState state = CYCLE[(d + change) % CYCLE.length];
                sites.a().changeDeviceState(prefix + d, state);
                finals.put(prefix + d, state);
            }
        }
        Await.until(LIMIT, () -> sites.seenAtB().holdsAll(finals) && sites.seenAtC().holdsAll(finals),
                () -> "B and C do not hold every final value of " + prefix);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double rawRun(Sites sites, String prefix) {
        Map<String, DeviceState> finals = new HashMap<>();
        long start = System.nanoTime();
        for (int d = 0; d < DEVICES; d++) {
            DeviceState state = CYCLE[(d + CHANGES - 1) % CYCLE.length];
            sites.raw().publish(prefix + d, Sites.rawPayload(state));
            finals.put(prefix + d, state);
        }
        Await.until(LIMIT, () -> sites.raw().allReceived().stream().allMatch(r -> holdsAll(r, finals)),
                () -> "raw subscribers do not hold every item of " + prefix + ", " + sites.raw().failedPublishes()
                        + " publishes failed");
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean holdsAll(RawPubSub.Received received, Map<String, DeviceState> finals) {
        for (Map.Entry<String, DeviceState> e : finals.entrySet()) {
            if (!(received.latest.get(e.getKey()) instanceof DeviceStateElement element)
                    || element.state() != e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
