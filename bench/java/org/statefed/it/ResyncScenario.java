package org.statefed.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.statefed.node.StatefedNode;
import org.statefed.bench.Figure;
import org.statefed.bench.Target;
import org.statefed.state.DeviceState;

/**
 * Scenario 4: A and B hold 10 000 devices each (B's names overlap A's, so C aggregates two entries
 * per device); C restarts with empty tables: time from its start until its aggregates equal A's and
 * B's. Beside it, a fresh raw connection logging in and fetching every item of a 10 000-item node
 * twice (the two nodes C fetches).
 */
final class ResyncScenario {
    static final String SCENARIO = "4 resync";
    static final int DEVICES = 10_000;
    private static final Duration LIMIT = Duration.ofSeconds(120);

    private ResyncScenario() {
    }

    static List<Figure> run(Sites sites) throws Exception {
        StatefedNode a = sites.a();
        StatefedNode b = sites.b();
        int aHas = a.devices().statesOf(a.entityId()).size();
        for (int i = 0; aHas + i < DEVICES; i++) {
            a.changeDeviceState("PJSIP/rs" + i, DeviceState.INUSE);
        }
        List<String> aDevices = List.copyOf(a.devices().statesOf(a.entityId()).keySet());
        for (String device : aDevices) {
            b.changeDeviceState(device, DeviceState.RINGING);
        }
        awaitSame(List.of(a, b, sites.c()), "A, B and C before C restarts");
        int rawItems = fillRawNode(sites);

        sites.cluster().stop("site3");
        long start = System.nanoTime();
        StatefedNode restarted = sites.cluster().start("site3");
        Await.until(LIMIT, () -> restarted.sites().get(0).completedSetups() > 0, () -> "C's session set-up");
        double setUp = (System.nanoTime() - start) / 1e9;
        int fromA = restarted.devices().statesOf(a.entityId()).size();
        int fromB = restarted.devices().statesOf(b.entityId()).size();
        awaitSame(List.of(a, b, restarted), "restarted C");
        double statefed = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "[bench] %s resync: C's set-up done after %.3f s (%d of A's, %d of B's"
                + " devices), equal after %.3f s; C's counters %s%n", sites.kind(), setUp, fromA, fromB, statefed,
                restarted.counters().snapshot());

        long rawStart = System.nanoTime();
        int fetched = RawPubSub.loginAndFetchAll(sites.server(), 2);
        double raw = (System.nanoTime() - rawStart) / 1e9;
        return List.of(Figure.of(SCENARIO, sites.kind(), "restarted C equals A and B", "s", statefed, raw,
                Target.atMost(5, "s"), a.devices().statesOf(a.entityId()).size() + " + "
                        + b.devices().statesOf(b.entityId()).size() + " devices; raw: log in, fetch " + fetched
                        + " items (node of " + rawItems + ")"));
    }

    /** Fills the raw node up to {@link #DEVICES} items (its max_items, so nothing is trimmed); how many it holds. */
    private static int fillRawNode(Sites sites) throws Exception {
        int missing = DEVICES - sites.raw().itemCount();
        for (int i = 0; i < missing; i++) {
            sites.raw().publish("PJSIP/rs" + i, Sites.rawPayload(DeviceState.INUSE));
        }
        // The publishes are answered in order: when the last one is, all are.
        sites.raw().publish("PJSIP/rs0", Sites.rawPayload(DeviceState.INUSE)).getOrThrow();
        return RawPubSub.loginAndFetchAll(sites.server(), 1);
    }

    /** Waits until every node's aggregates are the same; polls gently, as a full comparison costs milliseconds. */
    private static void awaitSame(List<StatefedNode> nodes, String what) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!same(nodes)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": aggregates differ after " + LIMIT + ": devices "
                        + nodes.stream().map(n -> n.devices().deviceCount()).toList());
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static boolean same(List<StatefedNode> nodes) {
        int count = nodes.get(0).devices().deviceCount();
        if (nodes.stream().anyMatch(n -> n.devices().deviceCount() != count)) {
            return false;
        }
        Map<String, DeviceState> first = nodes.get(0).aggregates();
        return nodes.stream().skip(1).allMatch(n -> n.aggregates().equals(first));
    }
}
