package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.node.StatefedNode;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.admin.Statefed;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.RemoteSite;

/**
 * Liveness that does not depend on the server noticing: a site whose link is blackholed (no FIN, no RST,
 * the server still shows it online) and a site process frozen with {@code kill -STOP}. The others drop its
 * states after the heartbeat detection time plus stale_timeout, and take them back once it answers again.
 * Deadlines come from the configured heartbeat_interval and stale_timeout.
 */
class LivenessIT {
    private static final Duration READY = Duration.ofSeconds(20);
    private static final Duration STALE = Duration.ofSeconds(3);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** Room for a loaded 2-core machine on top of what the configuration allows. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static XmppServer prosody() {
        return XmppServers.prosody(new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000));
    }

    /** Earliest a silent site's states can go: it must miss all but the first ping, then stale_timeout runs. */
    private static Duration earliestDrop() {
        return STALE.plus(HEARTBEAT.multipliedBy(GeneralConfig.HEARTBEAT_MISSES - 1L));
    }

    /** Latest they must go, from the configuration: detection, stale_timeout, margin. */
    private static Duration dropDeadline(Cluster cluster) {
        return cluster.heartbeatDetection().plus(STALE).plus(MARGIN);
    }

    @Test
    void blackholedSitesStatesAreDroppedAfterDetectionAndStaleTimeoutAndReturnAfterRestore() throws Exception {
        try (XmppServer server = prosody();
                ProxiedCluster cluster = new ProxiedCluster(server, PubsubLayout.PER_SITE, 3, STALE)) {
            cluster.withHeartbeatInterval(HEARTBEAT);
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            StatefedNode site3 = cluster.node("site3");
            site1.changeDeviceState("SIP/300", DeviceState.NOT_INUSE);
            site3.changeDeviceState("SIP/300", DeviceState.INUSE);
            List<StatefedNode> living = cluster.othersThan("site3");
            Cluster.awaitAggregates(READY, cluster.nodes(), Map.of("SIP/300", DeviceState.INUSE));
            // INUSE wins the aggregate at site3 whether or not site1's NOT_INUSE has reached it yet: wait for
            // that entry itself, or the check below that site3 keeps it would race the cut.
            Await.until(READY, () -> site3.devices().state("SIP/300", cluster.eidOf("site1"))
                    .equals(java.util.Optional.of(DeviceState.NOT_INUSE)), () -> "site3 never got site1's SIP/300");
            long silentBefore = living.stream().mapToLong(n -> n.counters().get(Counters.Counter.HEARTBEAT_SILENT)).sum();

            long cut = System.nanoTime();
            cluster.proxy("site3").blackhole();
            Duration ownDetection = Await.until(cluster.heartbeatDetection().plus(MARGIN),
                    () -> site3.counters().get(Counters.Counter.LINK_SILENT) >= 1,
                    () -> "site3 did not notice its dead link: " + site3.counters().snapshot());
            Cluster.awaitAggregates(dropDeadline(cluster), living, Map.of("SIP/300", DeviceState.NOT_INUSE));
            Duration dropped = Duration.ofNanos(System.nanoTime() - cut);
            assertThat(dropped).isGreaterThanOrEqualTo(earliestDrop());
            // The server never said goodbye: the heartbeats did.
            assertThat(living.stream().mapToLong(n -> n.counters().get(Counters.Counter.HEARTBEAT_SILENT)).sum())
                    .isGreaterThanOrEqualTo(silentBefore + living.size());
            assertThat(living).allMatch(n -> n.sites().get(0).remoteSites().stream()
                    .anyMatch(r -> r.liveness() == RemoteSite.Liveness.STALE));
            // Our own outage is not the others' death: the cut-off site keeps what it knew.
            assertThat(site3.devices().state("SIP/300", cluster.eidOf("site1"))).contains(DeviceState.NOT_INUSE);

            long healed = System.nanoTime();
            cluster.proxy("site3").restore();
            Cluster.awaitAggregates(READY, living, Map.of("SIP/300", DeviceState.INUSE));
            Duration back = Duration.ofNanos(System.nanoTime() - healed);
            System.out.printf("[liveness prosody per-site] heartbeat_interval %d s, stale_timeout %d s: blackholed site "
                    + "noticed its dead link after %d ms; others dropped its states %d ms after the blackhole; back "
                    + "%d ms after restore%n", HEARTBEAT.toSeconds(), STALE.toSeconds(), ownDetection.toMillis(),
                    dropped.toMillis(), back.toMillis());
        }
    }

    @Test
    void stoppedSiteProcessIsDroppedAfterDetectionAndStaleTimeoutAndReturnsAfterCont() throws Exception {
        try (XmppServer server = prosody();
                Cluster cluster = new Cluster(server, PubsubLayout.ASTERISK, 3, Map.of())) {
            cluster.withStaleTimeout(STALE).withHeartbeatInterval(HEARTBEAT);
            cluster.start("site1");
            cluster.start("site2");
            cluster.awaitReady(READY);
            Path socket = dir.resolve("site3.sock");
            Path config = Files.writeString(dir.resolve("site3.conf"),
                    cluster.jabberConf("site3", cluster.eidOf("site3"), socket.toString(), List.of()));
            Path log = dir.resolve("site3.log");
            Process site3 = Statefed.launch(log, "run", "-c", config.toString());
            try {
                Await.until(READY, () -> read(log).contains("session ready"), () -> read(log));
                List<StatefedNode> living = cluster.nodes();
                cluster.node("site1").changeDeviceState("SIP/300", DeviceState.NOT_INUSE);
                Statefed.Output changed = Statefed.run(dir, "-s", socket.toString(), "-rx",
                        "devstate change SIP/300 INUSE");
                assertThat(changed.exitCode()).as(changed.stderr()).isZero();
                Cluster.awaitAggregates(READY, living, Map.of("SIP/300", DeviceState.INUSE));

                long stopped = System.nanoTime();
                signal("STOP", site3);
                Cluster.awaitAggregates(dropDeadline(cluster), living, Map.of("SIP/300", DeviceState.NOT_INUSE));
                Duration dropped = Duration.ofNanos(System.nanoTime() - stopped);
                assertThat(dropped).isGreaterThanOrEqualTo(earliestDrop());
                assertThat(living).allMatch(n -> n.counters().get(Counters.Counter.HEARTBEAT_SILENT) >= 1);

                long continued = System.nanoTime();
                signal("CONT", site3);
                Cluster.awaitAggregates(READY, living, Map.of("SIP/300", DeviceState.INUSE));
                Duration back = Duration.ofNanos(System.nanoTime() - continued);
                assertThat(site3.isAlive()).isTrue();
                System.out.printf("[liveness prosody asterisk] heartbeat_interval %d s, stale_timeout %d s: kill -STOP'ed "
                        + "site's states dropped %d ms after the STOP; back %d ms after CONT%n", HEARTBEAT.toSeconds(),
                        STALE.toSeconds(), dropped.toMillis(), back.toMillis());
            } finally {
                signal("CONT", site3);
                site3.destroy();
                if (!site3.waitFor(10, TimeUnit.SECONDS)) {
                    site3.destroyForcibly();
                }
            }
        }
    }

    private static void signal(String name, Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
