package org.statefed.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.statefed.app.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.fixture.EjabberdCluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.state.DeviceState;

/**
 * Sites connected to different nodes of a two-node ejabberd cluster (issue 13): they share states through
 * the cluster's one PubSub service, as if it were one server.
 */
class EjabberdClusterIT {
    private static final Duration CONVERGE = Duration.ofSeconds(20);

    @Test
    void sitesOnDifferentClusterNodesShareStates() {
        ServerOptions options = new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000);
        try (EjabberdCluster ejabberd = EjabberdCluster.start(options)) {
            XmppServer first = ejabberd.node(0);
            XmppServer second = ejabberd.node(1);
            try (Cluster cluster = new Cluster(first, PubsubLayout.PER_SITE, 3, Map.of())
                    .withPortOf(name -> name.equals("site2") ? second.clientPort() : first.clientPort())) {
                cluster.startAll();
                cluster.awaitReady(CONVERGE);
                StatefedNode onSecond = cluster.node("site2");
                long start = System.nanoTime();
                onSecond.changeDeviceState("SIP/200", DeviceState.RINGING);
                Cluster.awaitAggregates(CONVERGE, cluster.nodes(), Map.of("SIP/200", DeviceState.RINGING));
                System.out.printf("[ejabberd cluster] a change on node 2 reached the sites on node 1 in %d ms%n",
                        Await.since(start).toMillis());
            }
        }
    }
}
