package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;
import org.statefed.xmpp.Counters;

/**
 * Fault 1: the XMPP server is killed with SIGKILL and restarted on the same port while changes go on.
 * prosody keeps PubSub in memory here, so the restart loses every node and item (the worst case);
 * ejabberd keeps them in Mnesia but loses the last seconds of writes. Either way statefed's
 * reconnect, node re-creation, republish and refresh must leave every site on the final states.
 */
class ServerRestartIT {
    private static final Duration READY = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"prosody, PER_SITE", "ejabberd, ASTERISK"})
    void everySiteReconnectsAndConvergesAfterTheServerIsKilledAndRestarted(String kind, PubsubLayout layout)
            throws Exception {
        ServerOptions options = new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000);
        try (XmppServer server = kind.equals("prosody") ? XmppServers.prosody(options) : XmppServers.ejabberd(options);
                ProxiedCluster cluster = new ProxiedCluster(server, layout, 3, Duration.ofSeconds(30))) {
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            StatefedNode site2 = cluster.node("site2");
            StatefedNode site3 = cluster.node("site3");
            Map<String, DeviceState> finals = new LinkedHashMap<>();
            for (int d = 1; d <= 10; d++) {
                site1.changeDeviceState("SIP/" + d, DeviceState.INUSE);
                finals.put("SIP/" + d, DeviceState.INUSE);
            }
            site2.updateMailbox("1000@default", 4, 2);
            ProxiedCluster.awaitAggregates(READY, cluster.nodes(), finals);
            awaitMailbox(cluster);
            Map<String, Integer> setups = cluster.setups();

            server.kill();
            Await.until(READY, () -> cluster.nodes().stream().noneMatch(n -> n.sites().get(0).linkState()
                    == org.statefed.xmpp.LinkState.CONNECTED), cluster::describeLinks);
            long sentBefore = site1.counters().get(Counters.Counter.PUBLISH_SENT);
            int outageChanges = 0;
            DeviceState[] cycle = {DeviceState.RINGING, DeviceState.ONHOLD, DeviceState.BUSY};
            for (int r = 0; r < 100; r++) {
                for (int d = 1; d <= 5; d++) {
                    DeviceState s = cycle[(r + d) % cycle.length];
                    site1.changeDeviceState("SIP/" + d, s);
                    finals.put("SIP/" + d, s);
                    outageChanges++;
                }
            }
            // Our own outage blanks no lamp: remote states are kept.
            assertThat(site2.devices().aggregate("SIP/8")).isEqualTo(DeviceState.INUSE);
            assertThat(site3.mailboxes().effective("1000@default")).contains(new MwiCounts(4, 2));

            long restarted = System.nanoTime();
            server.start();
            // Published right after the restart, before the sites are back: must not be lost either.
            site2.changeDeviceState("SIP/20", DeviceState.RINGING);
            site3.changeDeviceState("SIP/30", DeviceState.ONHOLD);
            finals.put("SIP/20", DeviceState.RINGING);
            finals.put("SIP/30", DeviceState.ONHOLD);
            cluster.awaitSetups(READY, setups);
            ProxiedCluster.awaitAggregates(READY, cluster.nodes(), finals);
            awaitMailbox(cluster);
            Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);

            // After a second change on the restarted server the new state is everywhere too.
            site1.changeDeviceState("SIP/1", DeviceState.NOT_INUSE);
            finals.put("SIP/1", DeviceState.NOT_INUSE);
            ProxiedCluster.awaitAggregates(READY, cluster.nodes(), finals);

            long sentAfter = site1.counters().get(Counters.Counter.PUBLISH_SENT) - sentBefore;
            System.out.printf("[fault 1 %s %s] server restart to convergence (incl. server start-up): %d ms; "
                    + "%d changes while down were sent as %d publishes%n", kind, layout, recovery.toMillis(),
                    outageChanges, sentAfter);
            // Only the latest state per device went out after reconnecting (plus republish/refresh traffic).
            assertThat(sentAfter).isLessThan(outageChanges / 5);
        }
    }

    private static void awaitMailbox(ProxiedCluster cluster) {
        Await.until(READY, () -> cluster.nodes().stream().allMatch(n ->
                n.mailboxes().effective("1000@default").equals(Optional.of(new MwiCounts(4, 2)))),
                () -> "mailboxes " + cluster.nodes().stream().map(n -> n.mailboxes().effective("1000@default")).toList());
    }
}
