package org.statefed.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.statefed.node.StatefedNode;
import org.statefed.config.ServerAddress;
import org.statefed.config.PubsubLayout;
import org.statefed.it.fixture.EjabberdCluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.Backoff;
import org.statefed.xmpp.LinkState;

/**
 * Sites connected to different nodes of a two-node ejabberd cluster (issue 13): they share states through
 * the cluster's one PubSub service, as if it were one server; when the node two of them are on is killed,
 * they move to the other node (alternate_server) and the three converge again.
 */
class EjabberdClusterIT {
    private static final Duration CONVERGE = Duration.ofSeconds(20);

    @Test
    void sitesOnDifferentClusterNodesShareStatesAndFailOverWhenTheirNodeIsKilled() {
        ServerOptions options = new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000);
        try (EjabberdCluster ejabberd = EjabberdCluster.start(options)) {
            XmppServer first = ejabberd.node(0);
            XmppServer second = ejabberd.node(1);
            try (Cluster cluster = new Cluster(first, PubsubLayout.PER_SITE, 3, Map.of())
                    .withPortOf(name -> name.equals("site2") ? second.clientPort() : first.clientPort())
                    .withAlternateServers(name -> List.of(new ServerAddress(second.host(), second.clientPort())))) {
                cluster.startAll();
                cluster.awaitReady(CONVERGE);
                StatefedNode onSecond = cluster.node("site2");
                long start = System.nanoTime();
                onSecond.changeDeviceState("SIP/200", DeviceState.RINGING);
                Cluster.awaitAggregates(CONVERGE, cluster.nodes(), Map.of("SIP/200", DeviceState.RINGING));
                System.out.printf("[ejabberd cluster] a change on node 2 reached the sites on node 1 in %d ms%n",
                        Await.since(start).toMillis());

                Map<String, Integer> setups = cluster.setups();
                long killed = System.nanoTime();
                first.kill();
                // site1 and site3 see their connection end at once; the first retry (1 s later) goes to node 1,
                // which refuses; the next (1 s later) to node 2. Then one set-up.
                Duration failover = Backoff.RECONNECT.delay(1).plus(Backoff.RECONNECT.delay(2)).plus(CONVERGE);
                Await.until(failover, () -> cluster.nodes().stream().allMatch(n -> n.sites().get(0).linkState()
                        == LinkState.CONNECTED) && cluster.node("site1").sites().get(0).completedSetups()
                                > setups.get("site1") && cluster.node("site3").sites().get(0).completedSetups()
                                > setups.get("site3"), cluster::describeLinks);
                Duration moved = Await.since(killed);
                start = System.nanoTime();
                onSecond.changeDeviceState("SIP/200", DeviceState.BUSY);
                cluster.node("site1").changeDeviceState("SIP/201", DeviceState.INUSE);
                Cluster.awaitAggregates(CONVERGE, cluster.nodes(), Map.of("SIP/200", DeviceState.BUSY,
                        "SIP/201", DeviceState.INUSE));
                System.out.printf("[ejabberd cluster] node 1 killed: its sites on node 2 in %d ms, then changes "
                        + "converged in %d ms%n", moved.toMillis(), Await.since(start).toMillis());
            }
        }
    }
}
