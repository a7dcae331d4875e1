package org.statefed.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.statefed.bench.Figure;
import org.statefed.config.PubsubLayout;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;

/**
 * Scenarios 1–4 and 6 on one real server: starts it, three statefed sites and the raw baseline,
 * runs the scenarios in an order where each leaves what the next needs, and stops everything.
 */
final class ServerBench {
    /**
     * Prosody keeps PubSub in SQLite (its file storage rewrites a node per publish, and its memory
     * storage loses items of often-overwritten nodes: prosody 0.12's mod_storage_memory removes a
     * replaced item with table.remove without re-indexing the items after it); ejabberd in Mnesia.
     * Nodes ask for persist_items=1, max_items=10000 on both, as statefed's own nodes do. The server's
     * item ceiling is above 10 000 so the node's max_items is what trims.
     */
    static ServerOptions options() {
        List<String> admins = new ArrayList<>(List.of("site1", "site2", "site3", RawPubSub.OWNER));
        return new ServerOptions(admins, true, 20_000);
    }

    private ServerBench() {
    }

    /**
     * Runs the named scenarios ("latency", "throughput", "storm", "resync"; start-up always runs).
     *
     * @param stateDir where the sites keep their state files (state_file), or none: no store
     */
    static List<Figure> run(String kind, java.util.Set<String> scenarios, java.util.Optional<java.nio.file.Path> stateDir)
            throws Exception {
        List<Figure> figures = new ArrayList<>();
        try (XmppServer server = XmppServers.start(kind, options());
             Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 3, Map.of())) {
            stateDir.ifPresent(cluster::withStateDir);
            server.createAccount(RawPubSub.OWNER, RawPubSub.PASSWORD);
            for (String name : RawPubSub.subscriberNames(2)) {
                server.createAccount(name, RawPubSub.PASSWORD);
            }
            try (RawPubSub raw = RawPubSub.open(server, 2)) {
                figures.addAll(progress(StartupScenario.run(kind, cluster, server)));
                SeenStates atB = new SeenStates(cluster.node("site1").entityId());
                SeenStates atC = new SeenStates(cluster.node("site1").entityId());
                cluster.node("site2").devices().addListener(atB);
                cluster.node("site3").devices().addListener(atC);
                Sites sites = new Sites(kind, server, cluster, raw, atB, atC);
                if (scenarios.contains("latency")) {
                    figures.addAll(progress(LatencyScenario.run(sites)));
                }
                if (scenarios.contains("throughput")) {
                    figures.addAll(progress(ThroughputScenario.run(sites)));
                }
                if (scenarios.contains("storm")) {
                    figures.addAll(progress(StormScenario.run(sites)));
                }
                if (scenarios.contains("resync")) {
                    figures.addAll(progress(ResyncScenario.run(sites)));
                }
            }
        }
        return figures;
    }

    /** Prints a scenario's figures as soon as it is done, so a long run shows where it is. */
    private static List<Figure> progress(List<Figure> figures) {
        for (Figure f : figures) {
            System.out.printf(java.util.Locale.ROOT, "[bench] %s %s %s: statefed %.3f %s, raw %.3f (%s)%n", f.server(),
                    f.scenario(), f.metric(), f.statefed(), f.unit(), f.baseline(), f.note());
        }
        return figures;
    }
}
