package org.statefed.it.container;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.XmppServer;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;
import org.statefed.xmpp.NodeSubscription;
import org.statefed.xmpp.SiteConnection;
import org.testcontainers.DockerClientFactory;

/**
 * The three-site scenario of issue 13 on a server in a container, once per layout: three sites watch every
 * buddy node, a device change at site1 and a mailbox at site3 reach all three. Subclasses start the server.
 * Without a Docker engine every test is skipped by an assumption that says so.
 */
abstract class ContainerScenario {
    /** Counted once the server is up: site set-up and the first events, with margin for a loaded machine. */
    private static final Duration CONVERGE = Duration.ofSeconds(30);

    // Per test, not per class: an aborted class is reported as no tests at all, not as skipped ones.
    @BeforeEach
    void needsDocker() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine reachable (Testcontainers found none): the container server cannot be started");
    }

    /** Starts a fresh server container, with a PubSub service and in-band registration. */
    abstract XmppServer startServer();

    @ParameterizedTest(name = "{0}")
    @EnumSource(PubsubLayout.class)
    void threeSitesConvergeInEveryLayout(PubsubLayout layout) {
        try (XmppServer server = startServer(); Cluster cluster = new Cluster(server, layout, 3, Map.of())) {
            cluster.startAll();
            cluster.awaitReady(CONVERGE);
            Await.until(CONVERGE, () -> sites(cluster).allMatch(s -> s.subscriptions().stream()
                    .allMatch(NodeSubscription::receiving)),
                    () -> "subscriptions " + sites(cluster).map(SiteConnection::subscriptions).toList());

            long start = System.nanoTime();
            cluster.node("site1").changeDeviceState("SIP/100", DeviceState.INUSE);
            cluster.node("site3").updateMailbox("1000@default", 2, 1);
            Await.until(CONVERGE, () -> cluster.nodes().stream().allMatch(n ->
                    n.devices().aggregate("SIP/100") == DeviceState.INUSE
                            && n.mailboxes().effective("1000@default").equals(Optional.of(new MwiCounts(2, 1)))),
                    () -> "aggregates " + cluster.nodes().stream().map(n -> n.devices().aggregate("SIP/100")
                            + "/" + n.mailboxes().effective("1000@default")).toList());
            System.out.printf("[%s %s] a change converged on three sites in %d ms%n", server.kind(), layout,
                    Await.since(start).toMillis());
        }
    }

    private static java.util.stream.Stream<SiteConnection> sites(Cluster cluster) {
        return cluster.nodes().stream().map(StatefedNode::sites).flatMap(java.util.List::stream);
    }
}
