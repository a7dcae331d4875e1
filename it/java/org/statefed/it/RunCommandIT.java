package org.statefed.it;

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
import org.statefed.config.PubsubLayout;
import org.statefed.it.admin.Statefed;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.xmpp.BuddyStatus;

/** {@code bin/statefed run} as a real process: it joins the cluster, resyncs, and stops cleanly on SIGTERM. */
class RunCommandIT {
    private static final EntityId PROCESS_EID = EntityId.parse("00:11:22:33:44:09");

    @TempDir
    Path dir;

    private Path writeConfig(Cluster cluster) throws IOException {
        return Files.writeString(dir.resolve("jabber.conf"),
                cluster.jabberConf("site1", PROCESS_EID, "statefed.sock", List.of()));
    }

    /** How long a `statefed run` process may take to start, log in and set up its session. */
    private static final Duration PROCESS_START = Duration.ofSeconds(60);

    @Test
    void runningNodeJoinsTheClusterAndStopsCleanlyOnSigterm() throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            cluster.start("site2");
            StatefedNode site2 = cluster.node("site2");
            site2.changeDeviceState("SIP/200", DeviceState.BUSY);
            Path log = dir.resolve("statefed.log");
            Process process = Statefed.launch(log, "run", "-c", writeConfig(cluster).toString());
            try {
                // A JVM of its own: on a loaded 2-core machine its start alone took 11 s once.
                Await.until(PROCESS_START, () -> site1Online(site2), () -> "site1 never came online; log:\n"
                        + read(log));
                Await.until(PROCESS_START, () -> read(log).contains("session ready"), () -> read(log));
                String output = read(log);
                assertThat(output).contains("running: entity id 00:11:22:33:44:09, layout per-site");
                assertThat(output).doesNotContain(Cluster.PASSWORD);
                System.out.println("statefed run output:\n" + output);
                process.destroy();
                assertThat(process.waitFor(6, TimeUnit.SECONDS)).as("stopped within 6 s").isTrue();
                assertThat(process.exitValue()).isZero();
                Await.until(Duration.ofSeconds(10), () -> !site1Online(site2), () -> "site1 still online");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void runRefusesAnInvalidConfigurationWithExitTwo() throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "[general]\nentityid = nope\n\n[asterisk]\nserverhost = x\n");
        Path log = dir.resolve("bad.log");
        Process process = Statefed.launch(log, "run", "-c", file.toString());
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(read(log)).contains("entityid = nope").contains("statefed will not start");
    }

    private static boolean site1Online(StatefedNode node) {
        return node.sites().get(0).buddies().stream()
                .filter(b -> b.jid().getLocalpart().toString().equals("site1"))
                .anyMatch(BuddyStatus::online);
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
