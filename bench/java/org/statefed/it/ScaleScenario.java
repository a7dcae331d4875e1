package org.statefed.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.IntStream;

import org.statefed.bench.HeapPerEntry;
import org.statefed.config.PubsubLayout;
import org.statefed.demo.server.ManagedServer;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.Counters;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.packet.IQ;

/**
 * Scenario 7 (issue 15), one point: N statefed sites in this JVM on a fresh server, D devices each.
 * <ol>
 * <li>set-up: every site started and through its session set-up (N × (N − 1) subscriptions);
 * <li>storm: every site changes each of its D devices once (to BUSY), all sites interleaved,
 *     until every site holds every other site's final values: N × (N − 1) × D applied changes;
 * <li>restart: the last site stops and starts with empty tables, until it holds the other sites' values;
 * <li>raw Smack at the same N and D, the statefed sites stopped: N connections of the same accounts, each
 *     owning a node and subscribed to the N − 1 others, each publishing its D final items; then a fresh
 *     connection fetching the N − 1 nodes.
 * </ol>
 * CPU is the JVM's process CPU time over a phase in which only that side is busy, less its JIT compiler
 * threads' (a one-time warm-up cost, printed beside), divided by the changes applied (statefed) or events
 * received (raw); the server's from /proc over the same phase.
 */
final class ScaleScenario {
    static final String SCENARIO = "7 scale";
    static final DeviceState FINAL = DeviceState.BUSY;
    /**
     * One change per device, as the raw side publishes one item per device: both sides then carry the same
     * N × D items and N × (N − 1) × D events, so CPU per change compares like with like (scenario 3 measures
     * what coalescing saves on repeated changes).
     */
    private static final DeviceState[] STORM = {FINAL};

    private ScaleScenario() {
    }

    static String device(int site, int d) {
        return "PJSIP/s" + site + "-" + d;
    }

    /** One point on a fresh server of {@code kind}; phases that overrun {@code limit} give NaN. */
    static ScalePoint run(String kind, int n, int devices, Duration limit) throws Exception {
        return run(kind, n, devices, limit, true);
    }

    /** @param raw whether the raw-Smack half runs too (without it its figures are NaN) */
    static ScalePoint run(String kind, int n, int devices, Duration limit, boolean raw) throws Exception {
        List<String> admins = IntStream.rangeClosed(1, n).mapToObj(i -> "site" + i).toList();
        long heapBefore = HeapPerEntry.usedAfterGc();
        try (XmppServer server = XmppServers.start(kind, new ServerOptions(admins, true, 20_000));
             Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, n, java.util.Map.of())) {
            OptionalLong serverPid = ((ManagedServer) server).pid();
            List<FinalsSeen> seen = new ArrayList<>();
            long setUpStart = System.nanoTime();
            for (String name : cluster.names()) {
                StatefedNode node = cluster.create(name);
                FinalsSeen s = new FinalsSeen(node.entityId(), FINAL);
                node.devices().addListener(s);
                seen.add(s);
                node.start();
            }
            cluster.awaitReady(limit);
            awaitQuiet(cluster, limit);
            double setUp = Await.since(setUpStart).toNanos() / 1e9;
            double heapPerSite = (double) (HeapPerEntry.usedAfterGc() - heapBefore) / n;
            long heapReady = HeapPerEntry.usedAfterGc();
            progress(kind, n, devices, "set-up %.2f s, heap per site %.0f kB", setUp, heapPerSite / 1024);

            int expected = (n - 1) * devices;
            long sentBefore = published(cluster);
            java.util.Map<String, Long> countsBefore = counts(cluster);
            long cpu0 = CpuClock.jvmNanos();
            long jit0 = CpuClock.jitNanos();
            long server0 = CpuClock.processTreeNanos(serverPid);
            long start = System.nanoTime();
            for (DeviceState state : STORM) {
                for (int d = 0; d < devices; d++) {
                    for (int site = 1; site <= n; site++) {
                        cluster.node("site" + site).changeDeviceState(device(site, d), state);
                    }
                }
            }
            double storm = await(limit, start, () -> seen.stream().allMatch(s -> s.count() == expected));
            long withJit = CpuClock.jvmNanos() - cpu0;
            long jit = CpuClock.jitNanos() - jit0;
            long cpu = withJit - jit;
            long serverCpu = CpuClock.processTreeNanos(serverPid) - server0;
            long sent = published(cluster) - sentBefore;
            long applied = (long) n * expected;
            progress(kind, n, devices, "storm counts: %s", difference(counts(cluster), countsBefore));
            progress(kind, n, devices, "storm JVM CPU %.1f µs per applied change with the JIT's %.1f µs", withJit / 1e3
                    / applied, jit / 1e3 / applied);
            double heapPerEntry = (double) (HeapPerEntry.usedAfterGc() - heapReady) / ((long) n * n * devices);
            progress(kind, n, devices, "storm %.2f s (%d publishes for %d changes), JVM CPU %.1f µs and server"
                    + " %.1f µs per applied change, heap %.0f B per entry", storm, sent, (long) STORM.length * n * devices,
                    cpu / 1e3 / applied, serverCpu / 1e3 / applied, heapPerEntry);

            double restart = Double.NaN;
            if (!Double.isNaN(storm)) {
                String last = "site" + n;
                cluster.stop(last);
                StatefedNode node = cluster.create(last);
                FinalsSeen s = new FinalsSeen(node.entityId(), FINAL);
                node.devices().addListener(s);
                java.util.Map<String, Long> beforeRestart = counts(cluster);
                long restartStart = System.nanoTime();
                node.start();
                restart = await(limit, restartStart, () -> node.ready() && s.count() == expected);
                progress(kind, n, devices, "restarted site synced after %.2f s", restart);
                progress(kind, n, devices, "restart counts: %s", difference(counts(cluster), beforeRestart));
            }
            cluster.close();

            double rawStorm = Double.NaN;
            double rawRestart = Double.NaN;
            long rawCpu = 0;
            long rawServerCpu = 0;
            long events = 0;
            if (raw) {
                try (RawMesh mesh = RawMesh.open(server, cluster.names(), Cluster.PASSWORD)) {
                    long rcpu0 = CpuClock.jvmNanos();
                    long rjit0 = CpuClock.jitNanos();
                    long rserver0 = CpuClock.processTreeNanos(serverPid);
                    long rawStart = System.nanoTime();
                    for (int d = 0; d < devices; d++) {
                        for (int site = 0; site < n; site++) {
                            mesh.publish(site, device(site + 1, d), FINAL);
                        }
                    }
                    rawStorm = await(limit, rawStart, () -> mesh.leastReceived() == expected);
                    long rawWithJit = CpuClock.jvmNanos() - rcpu0;
                    long rawJit = CpuClock.jitNanos() - rjit0;
                    rawCpu = rawWithJit - rawJit;
                    rawServerCpu = CpuClock.processTreeNanos(serverPid) - rserver0;
                    events = mesh.events();
                    progress(kind, n, devices, "raw JVM CPU %.1f µs per event with the JIT's %.1f µs", rawWithJit / 1e3
                            / Math.max(1, events), rawJit / 1e3 / Math.max(1, events));
                    progress(kind, n, devices, "raw storm %.2f s (%d events, %d publishes failed), JVM CPU %.1f µs and"
                            + " server %.1f µs per event", rawStorm, events, mesh.failedPublishes(), rawCpu / 1e3 / events,
                            rawServerCpu / 1e3 / events);
                }
                long fetchStart = System.nanoTime();
                int fetched = RawMesh.loginAndFetch(server, "site" + n, Cluster.PASSWORD,
                        IntStream.range(0, n - 1).boxed().toList());
                rawRestart = fetched == expected ? Await.since(fetchStart).toNanos() / 1e9 : Double.NaN;
                progress(kind, n, devices, "raw restart: %d of %d items fetched in %.2f s", fetched, expected, rawRestart);
            }
            return new ScalePoint(kind, n, devices, storm, rawStorm, restart, rawRestart,
                    Double.isNaN(storm) ? Double.NaN : cpu / 1e3 / applied, rawCpu / 1e3 / Math.max(1, events),
                    Double.isNaN(storm) ? Double.NaN : serverCpu / 1e3 / applied, rawServerCpu / 1e3 / Math.max(1, events),
                    heapPerSite, heapPerEntry, setUp, sent);
        }
    }

    /**
     * The restart phase alone, without the storm's N × (N − 1) × D fan-out, which at 50 sites costs far more
     * time than the restart it prepares: a star in which the last site lists every other as buddy and each
     * of them lists only the last. The N − 1 others start and publish their D devices to their own nodes
     * (the last site, started once to create its nodes, is stopped); then it starts with empty tables and is timed until it holds all
     * (N − 1) × D of them: the same subscriptions, fetches and refresh request as a restarted site of the
     * full mesh makes, against the same items on the server. Raw: the same items published to unsubscribed
     * nodes, then a fresh connection fetching them. Storm and CPU figures are NaN.
     */
    static ScalePoint restartOnly(String kind, int n, int devices, Duration limit, boolean raw) throws Exception {
        List<String> admins = IntStream.rangeClosed(1, n).mapToObj(i -> "site" + i).toList();
        String last = "site" + n;
        int expected = (n - 1) * devices;
        try (XmppServer server = XmppServers.start(kind, new ServerOptions(admins, true, 20_000));
             Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, n, java.util.Map.of())) {
            cluster.withBuddies((site, other) -> site.equals(last) || other.equals(last));
            long setUpStart = System.nanoTime();
            for (String name : cluster.names()) {
                cluster.create(name).start();
            }
            cluster.awaitReady(limit);
            double setUp = Await.since(setUpStart).toNanos() / 1e9;
            // Its nodes exist and the others are subscribed to them, as for any restart.
            cluster.stop(last);
            for (int site = 1; site < n; site++) {
                for (int d = 0; d < devices; d++) {
                    cluster.node("site" + site).changeDeviceState(device(site, d), FINAL);
                }
            }
            double published = await(limit, System.nanoTime(), () -> cluster.nodes().stream().allMatch(node ->
                    node.counters().publishes(org.statefed.xmpp.PublishReason.CHANGE) >= devices
                            && node.sites().get(0).publishBacklog() == 0));
            progress(kind, n, devices, "restart only: %d sites up in %.2f s, %d devices published in %.2f s",
                    n, setUp, expected, published);
            StatefedNode node = cluster.create(last);
            FinalsSeen s = new FinalsSeen(node.entityId(), FINAL);
            node.devices().addListener(s);
            java.util.Map<String, Long> before = counts(cluster);
            long restartStart = System.nanoTime();
            node.start();
            double restart = await(limit, restartStart, () -> node.ready() && s.count() == expected);
            progress(kind, n, devices, "restarted site synced after %.2f s (%d of %d entries)", restart, s.count(),
                    expected);
            progress(kind, n, devices, "restart counts: %s", difference(counts(cluster), before));
            cluster.close();

            double rawRestart = Double.NaN;
            if (raw) {
                try (RawMesh mesh = RawMesh.open(server, cluster.names(), Cluster.PASSWORD, false)) {
                    List<SmackFuture<IQ, Exception>> answers = new ArrayList<>();
                    for (int site = 0; site < n - 1; site++) {
                        for (int d = 0; d < devices; d++) {
                            answers.add(mesh.publish(site, device(site + 1, d), FINAL));
                        }
                    }
                    SmackFuture.await(answers, limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                long fetchStart = System.nanoTime();
                int fetched = RawMesh.loginAndFetch(server, last, Cluster.PASSWORD,
                        IntStream.range(0, n - 1).boxed().toList());
                rawRestart = fetched == expected ? Await.since(fetchStart).toNanos() / 1e9 : Double.NaN;
                progress(kind, n, devices, "raw restart: %d of %d items fetched in %.2f s", fetched, expected,
                        rawRestart);
            }
            return new ScalePoint(kind, n, devices, Double.NaN, Double.NaN, restart, rawRestart, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, setUp, 0);
        }
    }

    /**
     * Until every site's publish and merge queues have stayed empty for a second: a site that started
     * early subscribes to later buddies' nodes after its own set-up and asks for a refresh each time; the
     * storm must not begin while those are still answered (raw Smack has no such set-up traffic).
     */
    private static void awaitQuiet(Cluster cluster, Duration limit) {
        long quietSince = System.nanoTime();
        long deadline = quietSince + limit.toNanos();
        while (System.nanoTime() - quietSince < 1_000_000_000L && System.nanoTime() < deadline) {
            boolean idle = cluster.nodes().stream().allMatch(n -> n.mergeBacklog() == 0
                    && n.sites().stream().allMatch(site -> site.publishBacklog() == 0));
            if (!idle) {
                quietSince = System.nanoTime();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    /** Seconds from {@code start} (a nanoTime) until {@code done}, NaN if not within {@code limit} (the point is kept, marked unfinished). */
    private static double await(Duration limit, long start, java.util.function.BooleanSupplier done) {
        long deadline = start + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return Double.NaN;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The cluster's publishes per reason and the liveness and refresh counters: what explains publishes
     * beyond one per change.
     */
    private static java.util.Map<String, Long> counts(Cluster cluster) {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (StatefedNode node : cluster.nodes()) {
            node.counters().publishSnapshot().forEach((reason, count) ->
                    out.merge("publish " + reason.name().toLowerCase(Locale.ROOT), count, Long::sum));
            for (Counters.Counter c : COUNTED) {
                out.merge(c.name().toLowerCase(Locale.ROOT), node.counters().get(c), Long::sum);
            }
        }
        return out;
    }

    private static final List<Counters.Counter> COUNTED = List.of(Counters.Counter.PUBLISH_RETRIED,
            Counters.Counter.PUBLISH_COALESCED, Counters.Counter.HEARTBEAT_SILENT, Counters.Counter.LINK_SILENT,
            Counters.Counter.RETURN_REPUBLISHES, Counters.Counter.REFRESH_REQUESTS, Counters.Counter.REFRESH_SKIPPED,
            Counters.Counter.SITES_WENT_STALE, Counters.Counter.SESSIONS_ENDED);

    /** Non-zero differences, in the order of {@code after}. */
    private static String difference(java.util.Map<String, Long> after, java.util.Map<String, Long> before) {
        StringBuilder out = new StringBuilder();
        after.forEach((name, count) -> {
            long d = count - before.getOrDefault(name, 0L);
            if (d != 0) {
                out.append(out.length() == 0 ? "" : ", ").append(name).append(' ').append(d);
            }
        });
        return out.length() == 0 ? "none" : out.toString();
    }

    private static long published(Cluster cluster) {
        return cluster.nodes().stream().mapToLong(n -> n.counters().get(Counters.Counter.PUBLISH_SENT)).sum();
    }

    private static void progress(String kind, int n, int devices, String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] %s scale %d sites × %d devices: %s%n", kind, n, devices,
                String.format(Locale.ROOT, format, args));
    }
}
