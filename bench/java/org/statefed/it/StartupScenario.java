package org.statefed.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.statefed.bench.Figure;
import org.statefed.bench.Target;

/**
 * Scenario 6: three sites (small config, no devices) from start until each is connected and through
 * its session set-up (nodes, subscriptions, resync, refresh request): a cold start that creates the
 * nodes, then warm restarts of all three. Beside it, three raw connections logging in and fetching a
 * node's items in parallel.
 */
final class StartupScenario {
    static final String SCENARIO = "6 start to resynced";
    private static final int WARM_RESTARTS = 2;
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final List<String> SITES = List.of("site1", "site2", "site3");

    private StartupScenario() {
    }

    /** Leaves the cluster running. */
    static List<Figure> run(String kind, Cluster cluster, org.statefed.it.fixture.XmppServer server) throws Exception {
        double cold = startAll(cluster);
        List<Double> warm = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int i = 0; i < WARM_RESTARTS; i++) {
            SITES.forEach(cluster::stop);
            warm.add(startAll(cluster));
            raw.add(rawLogins(server));
        }
        warm.sort(null);
        raw.sort(null);
        return List.of(
                Figure.of(SCENARIO, kind, "cold (creates nodes)", "s", cold, raw.get(0), Target.atMost(2, "s"),
                        "3 sites; raw: 3 parallel log-ins + fetch"),
                Figure.of(SCENARIO, kind, "warm restart", "s", warm.get(warm.size() / 2), raw.get(raw.size() / 2),
                        Target.atMost(2, "s"), "median of " + WARM_RESTARTS));
    }

    private static double startAll(Cluster cluster) {
        long start = System.nanoTime();
        cluster.startAll();
        cluster.awaitReady(LIMIT);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double rawLogins(org.statefed.it.fixture.XmppServer server) throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<Integer>> logins = new ArrayList<>();
        for (int i = 0; i < SITES.size(); i++) {
            logins.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return RawPubSub.loginAndFetchAll(server, 1);
                } catch (Exception e) {
                    throw new IllegalStateException("raw log-in failed on " + server.kind(), e);
                }
            }));
        }
        CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get();
        return (System.nanoTime() - start) / 1e9;
    }
}
