package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateListener;
import org.statefed.xmpp.RemoteSite;

/**
 * Restarts with the persisted cluster state (state_file): a site that restarts after two sites wrote the
 * same device comes back with both sites' states, in both layouts, even where the server holds only the
 * last writer's item (asterisk layout) or nothing at all (server restarted with its items in memory).
 * Without the state file the restarted site would lose its own state (the server's item is an echo it
 * ignores) or the other site's (overwritten on the shared node).
 */
class RestartIT {
    private static final String DEVICE = "Custom:mystate";

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "{0}, restart {1}")
    @CsvSource({"ASTERISK, site1", "ASTERISK, site2", "PER_SITE, site1", "PER_SITE, site2"})
    void aRestartedSiteComesBackWithEverySitesStateAndNothingChanges(PubsubLayout layout, String restarted)
            throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), true, 10_000));
                Cluster cluster = new Cluster(server, layout, 2, Map.of()).withStateDir(stateDir)) {
            restartAfterBothWrote(cluster, restarted, () -> { });
        }
    }

    @ParameterizedTest(name = "{0}, restart {1}")
    @CsvSource({"ASTERISK, site2", "PER_SITE, site1"})
    void aRestartedSiteComesBackWithEverySitesStateAfterTheServerLostItsItems(PubsubLayout layout, String restarted)
            throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
                Cluster cluster = new Cluster(server, layout, 2, Map.of()).withStateDir(stateDir)) {
            restartAfterBothWrote(cluster, restarted, () -> {
                // prosody keeps PubSub in memory here: every node and item is gone after this.
                server.kill();
                server.start();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(PubsubLayout.class)
    void aRestoredSiteThatIsNotSeenAgainGoesStaleAfterStaleTimeout(PubsubLayout layout) throws Exception {
        Duration staleTimeout = Duration.ofSeconds(3);
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), true, 10_000));
                Cluster cluster = new Cluster(server, layout, 2, Map.of()).withStateDir(stateDir)
                        .withStaleTimeout(staleTimeout)) {
            Duration ready = readyDeadline(cluster);
            cluster.startAll();
            cluster.awaitReady(ready);
            cluster.node("site2").changeDeviceState(DEVICE, DeviceState.INUSE);
            Cluster.awaitAggregates(ready, cluster.nodes(), Map.of(DEVICE, DeviceState.INUSE));
            cluster.stop("site1");
            cluster.stop("site2");

            StatefedNode site1 = cluster.create("site1");
            assertThat(site1.devices().aggregate(DEVICE)).as("restored").isEqualTo(DeviceState.INUSE);
            long started = System.nanoTime();
            site1.start();
            cluster.awaitReady(ready);
            Await.until(ready.plus(staleTimeout), () -> site1.devices().aggregate(DEVICE) == DeviceState.UNKNOWN,
                    () -> "site1 still has " + site1.devices().snapshot(DEVICE) + "; sites " + site1.sites().get(0)
                            .remoteSites());
            Duration dropped = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("[restart %s] restored states of a site that stayed away dropped %d ms after start "
                    + "(stale_timeout %d s)%n", layout, dropped.toMillis(), staleTimeout.toSeconds());
            assertThat(dropped).as("kept at least stale_timeout after start").isGreaterThanOrEqualTo(staleTimeout);
            assertThat(site1.sites().get(0).remoteSites()).singleElement()
                    .satisfies(remote -> assertThat(remote.liveness()).isEqualTo(RemoteSite.Liveness.STALE));
        }
    }

    /**
     * site1 sets the device RINGING, then site2 INUSE (in the asterisk layout overwriting site1's item);
     * {@code restarted} stops, {@code meanwhile} runs, it starts again from its state file.
     */
    private static void restartAfterBothWrote(Cluster cluster, String restarted, Runnable meanwhile) {
        Duration ready = readyDeadline(cluster);
        String survivor = restarted.equals("site1") ? "site2" : "site1";
        cluster.startAll();
        cluster.awaitReady(ready);
        cluster.node("site1").changeDeviceState(DEVICE, DeviceState.RINGING);
        Cluster.awaitAggregates(ready, cluster.nodes(), Map.of(DEVICE, DeviceState.RINGING));
        cluster.node("site2").changeDeviceState(DEVICE, DeviceState.INUSE);
        Cluster.awaitAggregates(ready, cluster.nodes(), Map.of(DEVICE, DeviceState.RINGINUSE));
        List<String> survivorChanges = recordAggregateChanges(cluster.node(survivor));

        cluster.stop(restarted);
        meanwhile.run();
        StatefedNode node = cluster.create(restarted);
        assertThat(node.devices().aggregate(DEVICE)).as("restored before connecting").isEqualTo(DeviceState.RINGINUSE);
        assertThat(node.devices().snapshot(DEVICE).orElseThrow().entries()).allMatch(e -> e.restored());
        List<String> restartedChanges = recordAggregateChanges(node);
        node.start();
        cluster.awaitReady(ready);

        // A round trip each way after the set-up: by then resync, republish and refresh answers are in.
        cluster.node(survivor).changeDeviceState("Custom:from-" + survivor, DeviceState.BUSY);
        node.changeDeviceState("Custom:from-" + restarted, DeviceState.ONHOLD);
        Cluster.awaitAggregates(ready, cluster.nodes(), Map.of(DEVICE, DeviceState.RINGINUSE,
                "Custom:from-" + survivor, DeviceState.BUSY, "Custom:from-" + restarted, DeviceState.ONHOLD));
        assertThat(restartedChanges).as("aggregate changes of %s at the restarted site", DEVICE).isEmpty();
        assertThat(survivorChanges).as("aggregate changes of %s at the other site", DEVICE).isEmpty();
        assertThat(node.devices().state(DEVICE, cluster.node(survivor).entityId())).contains(
                survivor.equals("site1") ? DeviceState.RINGING : DeviceState.INUSE);
    }

    private static List<String> recordAggregateChanges(StatefedNode node) {
        List<String> changes = new CopyOnWriteArrayList<>();
        node.devices().addListener(new DeviceStateListener() {
            @Override
            public void aggregateChanged(String device, DeviceState previous, DeviceState current) {
                if (device.equals(DEVICE)) {
                    changes.add(previous + "->" + current);
                }
            }
        });
        return changes;
    }

    /** Connecting, logging in and the session set-up each take at most the client timeout. */
    static Duration readyDeadline(Cluster cluster) {
        return cluster.configOf("site1").clients().get(0).timeout().multipliedBy(3);
    }
}
