package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.RemoteSite;

/**
 * A site that dies without a goodbye, and a partition: one site's link to the server is cut with the
 * {@link TcpProxy} (what the server sees of a {@code kill -9}: the TCP connection drops).
 */
class SiteLossIT {
    private static final Duration READY = Duration.ofSeconds(20);
    private static final Duration STALE = Duration.ofSeconds(3);
    /**
     * From a cut to the drop: the server sees the TCP connection end at once and tells the buddies, whose
     * timers then run for {@link #STALE}; this margin is for a loaded machine.
     */
    private static final Duration DROP_DEADLINE = STALE.plusSeconds(10);

    private static XmppServer prosody() {
        return XmppServers.prosody(new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000));
    }

    private static XmppServer ejabberd() {
        return XmppServers.ejabberd(new ServerOptions(List.of("site1", "site2", "site3"), true, 10_000));
    }

    /**
     * Fault 2, shared (asterisk) layout on ejabberd: the others keep the dead site's states for
     * stale_timeout, then drop them, and the aggregate shows only the living; when its link comes back it
     * republishes and its states return.
     */
    @Test
    void deadSitesStatesAreDroppedAfterStaleTimeoutAndReturnWithIt() throws Exception {
        try (XmppServer server = ejabberd();
                ProxiedCluster cluster = new ProxiedCluster(server, PubsubLayout.ASTERISK, 3, STALE)) {
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            StatefedNode site3 = cluster.node("site3");
            site1.changeDeviceState("SIP/100", DeviceState.NOT_INUSE);
            site3.changeDeviceState("SIP/100", DeviceState.INUSE);
            site3.updateMailbox("1000@default", 2, 1);
            List<StatefedNode> living = cluster.othersThan("site3");
            ProxiedCluster.awaitAggregates(READY, cluster.nodes(), Map.of("SIP/100", DeviceState.INUSE));
            Await.until(READY, () -> living.stream().allMatch(n -> n.mailboxes().effective("1000@default").isPresent()),
                    () -> "mwi not seen");
            Await.until(READY, () -> living.stream().allMatch(n -> n.sites().get(0).remoteSites().stream()
                    .allMatch(r -> r.eid().isPresent() && r.liveness() == RemoteSite.Liveness.ONLINE)),
                    () -> "remote sites " + living.stream().map(n -> n.sites().get(0).remoteSites()).toList());

            long cut = System.nanoTime();
            cluster.proxy("site3").cut();
            ProxiedCluster.awaitAggregates(DROP_DEADLINE, living, Map.of("SIP/100", DeviceState.NOT_INUSE));
            Duration dropped = Await.since(cut);
            Await.until(DROP_DEADLINE, () -> living.stream().allMatch(n -> n.mailboxes().effective("1000@default")
                    .isEmpty()), () -> "mwi of the dead site not dropped");
            // Kept for stale_timeout: the buddies' timers start when they hear of the cut, never before it.
            assertThat(dropped).isGreaterThanOrEqualTo(STALE);
            assertThat(living).allMatch(n -> n.sites().get(0).remoteSites().stream()
                    .anyMatch(r -> r.liveness() == RemoteSite.Liveness.STALE));
            // The dead site's own view: our outage is not the others' death, it keeps what it knew.
            assertThat(site3.devices().state("SIP/100", cluster.eidOf("site1"))).contains(DeviceState.NOT_INUSE);

            cluster.proxy("site3").heal();
            Duration back = ProxiedCluster.awaitAggregates(READY, living, Map.of("SIP/100", DeviceState.INUSE));
            Await.until(READY, () -> living.stream().allMatch(n -> n.mailboxes().effective("1000@default").isPresent()),
                    () -> "mwi did not return");
            System.out.printf("[fault 2 ejabberd asterisk] stale_timeout %d s: states dropped %d ms after the cut; "
                    + "returned %d ms after healing%n", STALE.toSeconds(), dropped.toMillis(), back.toMillis());
        }
    }

    /**
     * Fault 2 again, per-site layout on prosody, with the dead node really gone: a new node starts in its
     * place (as a restarted statefed would) and its PBX feeds it the current states.
     */
    @Test
    void restartedSiteReplacesTheStaleOneInThePerSiteLayout() throws Exception {
        try (XmppServer server = prosody();
                ProxiedCluster cluster = new ProxiedCluster(server, PubsubLayout.PER_SITE, 3, STALE)) {
            cluster.startAll();
            cluster.awaitReady(READY);
            cluster.node("site2").changeDeviceState("SIP/200", DeviceState.RINGING);
            cluster.node("site3").changeDeviceState("SIP/200", DeviceState.INUSE);
            ProxiedCluster.awaitAggregates(READY, cluster.nodes(), Map.of("SIP/200", DeviceState.RINGINUSE));

            long cut = cluster.crash("site3");
            ProxiedCluster.awaitAggregates(DROP_DEADLINE, cluster.nodes(), Map.of("SIP/200", DeviceState.RINGING));
            Duration dropped = Await.since(cut);
            // Kept for stale_timeout, counted from the cut (not from when crash() returned).
            assertThat(dropped).isGreaterThanOrEqualTo(STALE);

            StatefedNode restarted = cluster.start("site3");
            restarted.changeDeviceState("SIP/200", DeviceState.INUSE);
            Duration back = ProxiedCluster.awaitAggregates(READY, cluster.nodes(),
                    Map.of("SIP/200", DeviceState.RINGINUSE));
            System.out.printf("[fault 2 prosody per-site] states dropped %d ms after the crash; restarted site's "
                    + "states everywhere %d ms after its start%n", dropped.toMillis(), back.toMillis());
        }
    }

    /**
     * Fault 3: one site partitioned away while both sides keep changing states; after healing every site
     * converges within a few seconds. (15 s instead of the 60 s keeps CI fast; nothing in statefed
     * depends on the length: it reconnects, resyncs, republishes and asks for a refresh either way.)
     */
    @Test
    void partitionedSiteAndTheRestConvergeAfterHealing() throws Exception {
        Duration partition = Duration.ofSeconds(15);
        try (XmppServer server = prosody();
                ProxiedCluster cluster = new ProxiedCluster(server, PubsubLayout.ASTERISK, 3, Duration.ofSeconds(30))) {
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            StatefedNode site3 = cluster.node("site3");
            site1.changeDeviceState("SIP/1", DeviceState.INUSE);
            site3.changeDeviceState("SIP/3", DeviceState.INUSE);
            ProxiedCluster.awaitAggregates(READY, cluster.nodes(),
                    Map.of("SIP/1", DeviceState.INUSE, "SIP/3", DeviceState.INUSE));

            Map<String, Integer> setups = cluster.setups();
            cluster.proxy("site3").cut();
            Map<String, DeviceState> finals = new LinkedHashMap<>();
            DeviceState[] cycle = {DeviceState.RINGING, DeviceState.BUSY, DeviceState.ONHOLD, DeviceState.NOT_INUSE};
            long end = System.nanoTime() + partition.toNanos();
            int round = 0;
            while (System.nanoTime() < end) {
                DeviceState s = cycle[round % cycle.length];
                site1.changeDeviceState("SIP/1", s);
                site3.changeDeviceState("SIP/3", s);
                site1.changeDeviceState("SIP/1" + round % 5, s);
                site3.changeDeviceState("SIP/3" + round % 5, s);
                finals.put("SIP/1", s);
                finals.put("SIP/3", s);
                finals.put("SIP/1" + round % 5, s);
                finals.put("SIP/3" + round % 5, s);
                round++;
                // Both sides keep their lamps meanwhile: no one is blanked by the partition.
                assertThat(site3.devices().aggregate("SIP/1")).isNotEqualTo(DeviceState.UNKNOWN);
                assertThat(site1.devices().aggregate("SIP/3")).isNotEqualTo(DeviceState.UNKNOWN);
                // Pacing, not waiting for a condition: about 20 changes a second per side, like busy PBXs.
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            long healed = System.nanoTime();
            cluster.proxy("site3").heal();
            // Converged values and site3's new session, both by one deadline counted from the heal.
            Duration converged = ProxiedCluster.awaitAggregates(READY, cluster.nodes(), finals);
            cluster.awaitSetups(Await.left(READY, healed), Map.of("site3", setups.get("site3")));
            System.out.printf("[fault 3 prosody asterisk] %d s partition, %d rounds of changes on both sides: converged "
                    + "%d ms after healing%n", partition.toSeconds(), round, converged.toMillis());
        }
    }
}
