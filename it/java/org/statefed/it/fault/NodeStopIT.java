package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.LinkState;

/**
 * {@code StatefedNode.stop(timeout)} returns within its timeout whatever the link and the server do (the
 * README promises a stop within 5 s of SIGTERM). Smack's own disconnect waits for the server's closing
 * tag up to the reply timeout ({@code timeout}, 10 s here): far longer than the stop timeout below.
 */
class NodeStopIT {
    private static final Duration READY = Duration.ofSeconds(20);
    private static final Duration STOP = Duration.ofSeconds(2);
    /** Thread start and join on a loaded machine; a blocking Smack wait would overrun by seconds. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    /**
     * @param publishPending whether a change the server never acknowledges is pending at the stop (the stop
     *        first waits for pending publishes, up to half its timeout)
     */
    record Fault(String name, Consumer<TcpProxy> inject, boolean publishPending) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Fault> faults() {
        return List.of(
                new Fault("healthy link", proxy -> { }, false),
                // What ProxiedCluster.crash does: Smack's reader may not have seen the cut yet when the
                // disconnect starts, and then ignores it and waits for a closing tag that never comes.
                new Fault("link cut just before the stop", TcpProxy::cut, false),
                new Fault("server stops answering (black hole)", TcpProxy::blackhole, false),
                new Fault("server stops answering with a publish pending", TcpProxy::blackhole, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void stopReturnsWithinItsTimeout(Fault fault) throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
                ProxiedCluster cluster = new ProxiedCluster(server, PubsubLayout.PER_SITE, 2, Duration.ofSeconds(30))) {
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            assertThat(site1.config().clients().get(0).timeout()).as("Smack's reply timeout").isGreaterThan(STOP);
            site1.changeDeviceState("SIP/1", DeviceState.INUSE);
            ProxiedCluster.awaitAggregates(READY, cluster.nodes(), Map.of("SIP/1", DeviceState.INUSE));

            fault.inject().accept(cluster.proxy("site1"));
            if (fault.publishPending()) {
                site1.changeDeviceState("SIP/1", DeviceState.RINGING);
            }
            long before = System.nanoTime();
            site1.stop(STOP);
            Duration took = Duration.ofNanos(System.nanoTime() - before);

            System.out.printf("[stop, %s] stop(%d ms) returned after %d ms%n", fault, STOP.toMillis(), took.toMillis());
            assertThat(took).isLessThan(STOP.plus(MARGIN));
            assertThat(site1.sites().get(0).linkState()).isEqualTo(LinkState.DISCONNECTED);
        }
    }
}
