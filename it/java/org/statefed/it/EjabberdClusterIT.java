package org.statefed.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.statefed.config.PubsubLayout;
import org.statefed.config.ServerAddress;
import org.statefed.it.fixture.EjabberdCluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.Backoff;
import org.statefed.xmpp.LinkState;

/**
 * Sites connected to different nodes of a two-node ejabberd cluster (issue 13): they share states through
 * the cluster's one PubSub service (and PEP on their accounts), as if it were one server; when the node two of
 * each three are on is killed, they move to the other node (alternate_server) and converge again. One cluster,
 * three groups of three sites, one per layout, side by side: per-site (site1-3), pep (pep4-6), asterisk (ast7-9).
 */
class EjabberdClusterIT {
    private static final Duration CONVERGE = Duration.ofSeconds(20);

    /** A group of three sites in one layout; its middle site is on node 2, the others on node 1. */
    private record Group(PubsubLayout layout, Cluster sites, String onSecond, String onFirst, String device) {
    }

    @Test
    void sitesOnDifferentClusterNodesShareStatesInEveryLayoutAndFailOverWhenTheirNodeIsKilled() {
        ServerOptions options = new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000);
        try (EjabberdCluster ejabberd = EjabberdCluster.start(options)) {
            XmppServer first = ejabberd.node(0);
            XmppServer second = ejabberd.node(1);
            List<Group> groups = new ArrayList<>();
            try {
                groups.add(group(first, second, PubsubLayout.PER_SITE, "site", 1));
                groups.add(group(first, second, PubsubLayout.PEP, "pep", 4));
                groups.add(group(first, second, PubsubLayout.ASTERISK, "ast", 7));
                groups.forEach(g -> g.sites().startAll());
                groups.forEach(g -> g.sites().awaitReady(CONVERGE));
                for (Group g : groups) {
                    long start = System.nanoTime();
                    g.sites().node(g.onSecond()).changeDeviceState(g.device(), DeviceState.RINGING);
                    Cluster.awaitAggregates(CONVERGE, g.sites().nodes(), Map.of(g.device(), DeviceState.RINGING));
                    System.out.printf("[ejabberd cluster, %s] a change on node 2 reached the sites on node 1 in %d ms%n",
                            g.layout(), Await.since(start).toMillis());
                }

                List<Map<String, Integer>> setups = groups.stream().map(g -> g.sites().setups()).toList();
                long killed = System.nanoTime();
                first.kill();
                // The sites on node 1 see their connection end at once; the first retry (1 s later) goes to node 1,
                // which refuses; the next (1 s later) to node 2. Then one set-up.
                Duration failover = Backoff.RECONNECT.delay(1).plus(Backoff.RECONNECT.delay(2)).plus(CONVERGE);
                Await.until(failover, () -> {
                    for (int i = 0; i < groups.size(); i++) {
                        Group g = groups.get(i);
                        Map<String, Integer> before = setups.get(i);
                        boolean moved = g.sites().names().stream().allMatch(name -> {
                            var site = g.sites().node(name).sites().get(0);
                            return site.linkState() == LinkState.CONNECTED && (name.equals(g.onSecond())
                                    || site.completedSetups() > before.get(name));
                        });
                        if (!moved) {
                            return false;
                        }
                    }
                    return true;
                }, () -> groups.stream().map(g -> g.sites().describeLinks()).toList().toString());
                Duration moved = Await.since(killed);
                for (Group g : groups) {
                    long start = System.nanoTime();
                    g.sites().node(g.onSecond()).changeDeviceState(g.device(), DeviceState.BUSY);
                    g.sites().node(g.onFirst()).changeDeviceState(g.device() + "1", DeviceState.INUSE);
                    Cluster.awaitAggregates(CONVERGE, g.sites().nodes(), Map.of(g.device(), DeviceState.BUSY,
                            g.device() + "1", DeviceState.INUSE));
                    System.out.printf("[ejabberd cluster, %s] node 1 killed: its sites (of all 9) on node 2 in %d ms, "
                            + "then changes converged in %d ms%n", g.layout(), moved.toMillis(),
                            Await.since(start).toMillis());
                }
            } finally {
                groups.forEach(g -> g.sites().close());
            }
        }
    }

    private static Group group(XmppServer first, XmppServer second, PubsubLayout layout, String prefix, int number) {
        String onSecond = prefix + (number + 1);
        Cluster sites = new Cluster(first, layout, prefix, number, 3, Map.of())
                .withPortOf(name -> name.equals(onSecond) ? second.clientPort() : first.clientPort())
                .withAlternateServers(name -> List.of(new ServerAddress(second.host(), second.clientPort())));
        return new Group(layout, sites, onSecond, prefix + number, "SIP/" + prefix + number);
    }
}
