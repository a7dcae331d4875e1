package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.admin.Statefed;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.store.StateStore;
import org.statefed.store.StoredDevice;
import org.statefed.store.StoredState;
import org.statefed.xmpp.Counters;

/**
 * {@code kill -9} of a {@code bin/statefed run} process while it receives a storm of changes: its state file
 * is readable afterwards (nothing moved aside, its own state in it), and the restarted process converges
 * on the cluster's final states.
 */
class KillDuringStormIT {
    private static final int DEVICES = 50;
    private static final String OWN_DEVICE = "Custom:proc";
    private static final Pattern DEVICE_LINE = Pattern.compile("--- Name: '([^']+)'  State: '([A-Z_]+)'");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PubsubLayout.class)
    void aSiteKilledDuringAStormRestartsFromAReadableFileAndConverges(PubsubLayout layout) throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
                Cluster cluster = new Cluster(server, layout, 2, Map.of())) {
            Duration ready = RestartIT.readyDeadline(cluster);
            StatefedNode site1 = cluster.start("site1");
            Path conf = Files.writeString(dir.resolve("jabber.conf"),
                    cluster.jabberConf("site2", cluster.eidOf("site2"), "statefed.sock", List.of()));
            Path stateFile = dir.resolve("site2.db");
            Process first = launch("first.log", conf, ready);
            Process second = null;
            try {
                assertThat(Statefed.run(dir, "-c", conf.toString(), "-rx", "devstate change " + OWN_DEVICE + " BUSY")
                        .exitCode()).isZero();
                Cluster.awaitAggregates(ready, List.of(site1), Map.of(OWN_DEVICE, DeviceState.BUSY));

                Map<String, DeviceState> finals = new ConcurrentHashMap<>();
                AtomicBoolean storming = new AtomicBoolean(true);
                Thread storm = new Thread(() -> storm(site1, finals, storming), "storm");
                storm.start();
                long sentBefore = site1.counters().get(Counters.Counter.PUBLISH_SENT);
                // Well into the storm: the process is receiving and writing while it dies.
                Await.until(ready, () -> site1.counters().get(Counters.Counter.PUBLISH_SENT) - sentBefore > 10 * DEVICES,
                        () -> "publishes sent: " + site1.counters().get(Counters.Counter.PUBLISH_SENT));
                System.out.printf("[kill -9 %s] storm of %d publishes before the kill%n", layout,
                        site1.counters().get(Counters.Counter.PUBLISH_SENT) - sentBefore);
                first.destroyForcibly();
                assertThat(first.waitFor(ready.toSeconds(), TimeUnit.SECONDS)).as("killed").isTrue();
                assertThat(first.exitValue()).as("exit status of SIGKILL").isEqualTo(128 + 9);
                storming.set(false);
                storm.join();

                try (StateStore store = StateStore.open(stateFile, Clock.systemUTC())) {
                    StoredState state = store.restored();
                    assertThat(state.devices()).as("what the killed process had committed")
                            .anyMatch(d -> d.device().equals(OWN_DEVICE) && d.state() == DeviceState.BUSY
                                    && d.eid().equals(cluster.eidOf("site2")));
                    System.out.printf("[kill -9 %s] the file held %d of the %d storm devices after the kill%n", layout,
                            state.devices().stream().map(StoredDevice::device).filter(d -> d.startsWith("SIP/"))
                                    .distinct().count(), DEVICES);
                }
                assertThat(asideFiles()).as("state files moved aside").isEmpty();

                long relaunched = System.nanoTime();
                second = launch("second.log", conf, ready);
                Duration toReady = Duration.ofNanos(System.nanoTime() - relaunched);
                Map<String, DeviceState> expected = new TreeMap<>(finals);
                expected.put(OWN_DEVICE, DeviceState.BUSY);
                Await.until(ready, () -> devstates(conf).entrySet().containsAll(expected.entrySet()),
                        () -> "expected " + expected + ", the restarted site lists " + devstates(conf));
                System.out.printf("[kill -9 %s] restart to session ready %d ms (JVM start included), to every final "
                        + "state listed %d ms%n", layout, toReady.toMillis(),
                        Duration.ofNanos(System.nanoTime() - relaunched).toMillis());
                Cluster.awaitAggregates(ready, List.of(site1), expected);
                assertThat(read(dir.resolve("second.log"))).contains("restored").doesNotContain("cannot be read");
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroy();
                    second.waitFor(ready.toSeconds(), TimeUnit.SECONDS);
                    second.destroyForcibly();
                }
            }
        }
    }

    /** Cycles every device through three states as fast as site1 takes changes, until told to stop. */
    private static void storm(StatefedNode site1, Map<String, DeviceState> finals, AtomicBoolean storming) {
        DeviceState[] cycle = {DeviceState.RINGING, DeviceState.INUSE, DeviceState.ONHOLD};
        for (int round = 0; storming.get(); round++) {
            for (int d = 0; d < DEVICES; d++) {
                DeviceState state = cycle[(round + d) % cycle.length];
                site1.changeDeviceState("SIP/" + d, state);
                finals.put("SIP/" + d, state);
            }
        }
    }

    private Process launch(String logName, Path conf, Duration ready) throws IOException {
        Path log = dir.resolve(logName);
        Process process = Statefed.launch(log, "run", "-c", conf.toString());
        Await.until(ready, () -> read(log).contains("session ready"), () -> read(log));
        return process;
    }

    private Map<String, DeviceState> devstates(Path conf) {
        Statefed.Output output = Statefed.run(dir, "-c", conf.toString(), "-rx", "devstate list");
        Map<String, DeviceState> states = new TreeMap<>();
        Matcher m = DEVICE_LINE.matcher(output.stdout());
        while (m.find()) {
            states.put(m.group(1), DeviceState.parse(m.group(2)));
        }
        return states;
    }

    private List<Path> asideFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".corrupt-")).toList();
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
