package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.admin.AdminSocketServer;
import org.statefed.admin.CommandRegistry;
import org.statefed.app.NodeAdminView;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.admin.Statefed;
import org.statefed.state.EntityId;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;

/**
 * Every admin command through the admin socket, as an operator types it: site 1 is a real
 * {@code bin/statefed run} process driven with {@code statefed -c FILE -rx}, site 2 an in-process node
 * serving its own socket, both on one prosody. Outputs are checked, not just exit codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminCommandsIT {
    private static final String HINT = "1234@devstate_test";

    private Path dir;
    private XmppServer server;
    private Cluster cluster;
    private AdminSocketServer site2Admin;
    private Process site1;
    private Path config;
    private Path site1Socket;
    private Path site2Socket;
    private Path log;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
        cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of(HINT, "Custom:mystate"));
        StatefedNode site2 = cluster.start("site2");
        site2Socket = dir.resolve("site2.sock");
        site2Admin = AdminSocketServer.start(site2Socket,
                CommandRegistry.standard(new NodeAdminView(site2, Clock.systemUTC())));
        config = writeSite1Config();
        site1Socket = dir.resolve("site1.sock");
        log = dir.resolve("site1.log");
        site1 = Statefed.launch(log, "run", "-c", config.toString());
        Await.until(Duration.ofSeconds(30), () -> read(log).contains("session ready"), () -> read(log));
        cluster.awaitReady(Duration.ofSeconds(20));
    }

    private Path writeSite1Config() throws IOException {
        return Files.writeString(dir.resolve("jabber.conf"), cluster.jabberConf("site1",
                EntityId.parse("00:11:22:33:44:09"), "site1.sock",
                List.of(HINT + " = Custom:mystate", "100@default = SIP/100")));
    }

    @AfterAll
    void stopCluster() {
        try {
            if (site1 != null) {
                site1.destroyForcibly();
            }
            if (site2Admin != null) {
                site2Admin.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private Statefed.Output site1(String command) {
        Statefed.Output output = Statefed.run(dir, "-c", config.toString(), "-rx", command);
        assertThat(output.stdout() + output.stderr()).doesNotContain(Cluster.PASSWORD);
        return output;
    }

    private Statefed.Output site2(String command) {
        return Statefed.run(dir, "-s", site2Socket.toString(), "-rx", command);
    }

    private static String succeeded(Statefed.Output output) {
        assertThat(output.exitCode()).as("exit status; stdout:\n%s\nstderr:\n%s", output.stdout(), output.stderr())
                .isZero();
        assertThat(output.stderr()).isEmpty();
        return output.stdout();
    }

    @Test
    @Order(1)
    void theRunningNodesSocketIsOwnerOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site1Socket))).isEqualTo("rw-------");
    }

    @Test
    @Order(2)
    void jabberShowConnectedShowsTheAccountConnected() {
        String expected = """
                Jabber Users and their status:
                       [asterisk] site1@%s/proc     - Connected
                ----
                   Number of clients: 1
                """.formatted(server.domain());

        assertThat(succeeded(site1("jabber show connected"))).isEqualTo(expected);
        assertThat(succeeded(site1("xmpp show connections"))).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void jabberShowBuddiesShowsTheOnlineBuddyWithItsResourceAndCaps() {
        String out = succeeded(site1("jabber show buddies"));

        // statefed's own presence carries no entity capabilities, so node and version stay empty between
        // statefed sites; an Asterisk buddy shows http://www.asterisk.org/xmpp/client/caps and asterisk-xmpp.
        assertThat(out).isEqualTo("XMPP buddy lists\nClient: asterisk\n\tBuddy:\tsite2@" + server.domain() + "\n"
                + "\t\tResource: statefed\n\t\t\tnode: \n\t\t\tversion: \n");
        assertThat(succeeded(site1("xmpp show buddies"))).isEqualTo(out);
    }

    @Test
    @Order(4)
    void devstateChangeOnOneSiteShowsInTheOthersHintsAndDeviceList() {
        assertThat(succeeded(site2("core show hints"))).contains(String.format(
                "%-30.30s: %-60.60s  State:%-15.15s Presence:%-15.15s Watchers %2d\n", HINT, "Custom:mystate", "Idle",
                "not_set", 0));

        assertThat(succeeded(site1("devstate change Custom:mystate INUSE")))
                .isEqualTo("Changing Custom:mystate to INUSE\n");

        Await.until(Duration.ofSeconds(10), () -> site2("core show hints").stdout().contains("State:InUse "),
                () -> site2("core show hints").stdout());
        assertThat(succeeded(site2("core show hints"))).isEqualTo("\n"
                + "    -= Registered Asterisk Dial Plan Hints =-\n"
                + String.format("%-30.30s: %-60.60s  State:%-15.15s Presence:%-15.15s Watchers %2d\n", HINT,
                        "Custom:mystate", "InUse", "not_set", 0)
                + "----------------\n"
                + "- 1 hints registered\n");
        assertThat(succeeded(site2("devstate list")))
                .contains("--- Name: 'Custom:mystate'  State: 'INUSE'\n"
                        + "---     from 00:11:22:33:44:09 (site1@localhost): 'INUSE', ")
                .contains("--- [asterisk] site1@localhost  00:11:22:33:44:09  online\n");
        assertThat(succeeded(site1("devstate list")))
                .contains("---     from 00:11:22:33:44:09 (this site): 'INUSE', ");
        assertThat(succeeded(site1("core show hints"))).contains("100@default                   : SIP/100 ")
                .contains("- 2 hints registered\n");
    }

    @Test
    @Order(5)
    void mwiUpdateOnOneSiteShowsInTheOthersList() {
        assertThat(succeeded(site1("mwi update 1234@default 3 7"))).isEqualTo("Updated mailbox 1234@default.\n");

        Await.until(Duration.ofSeconds(10), () -> site2("mwi list").stdout().contains("1234@default"),
                () -> site2("mwi list").stdout());
        assertThat(succeeded(site2("mwi list"))).startsWith("   New    Old Mailbox\n"
                + "     3      7 1234@default\n"
                + "     3      7   from 00:11:22:33:44:09, ");
    }

    @Test
    @Order(6)
    void coreShowSettingsShowsWhatTheNodeRunsWith() {
        String out = succeeded(site1("core show settings"));

        assertThat(out).contains("  Entity ID:                   00:11:22:33:44:09\n")
                .contains("  PubSub layout:               per-site\n")
                .contains("  Admin socket:                " + site1Socket + "\n")
                .contains("  [asterisk]                   site1@" + server.domain() + "/proc\n")
                .containsPattern("  Version:                     \\S+\n");
    }

    @Test
    @Order(7)
    void coreShowStatsCountsWhatArrived() {
        String out = succeeded(site2("core show stats"));

        assertThat(out).startsWith("Counters since start:\n").containsPattern("  items-applied +[1-9][0-9]* ")
                .contains("Rejected items by reason:\n");
    }

    @Test
    @Order(8)
    void xmppNodeCommandsCreateListPurgeAndDeleteNodes() {
        String leaf = "admin-it-" + System.nanoTime();

        assertThat(succeeded(site1("xmpp list nodes"))).startsWith("Listing pubsub nodes.\nConnection asterisk: site1@"
                + server.domain() + "\n").contains("Node name: device_state/site1@" + server.domain() + "\n");
        assertThat(succeeded(site1("xmpp create leaf " + leaf))).isEqualTo("Created leaf node " + leaf + ".\n");
        assertThat(succeeded(site1("xmpp create leaf asterisk " + leaf)))
                .isEqualTo("Leaf node " + leaf + " already exists.\n");
        assertThat(succeeded(site1("xmpp list nodes asterisk"))).contains("Node name: " + leaf + "\n");
        assertThat(succeeded(site1("xmpp purge nodes " + leaf))).isEqualTo("Purged node " + leaf + ".\n");
        assertThat(succeeded(site1("xmpp delete node asterisk " + leaf))).isEqualTo("Deleted node " + leaf + ".\n");
        assertThat(succeeded(site1("xmpp list nodes"))).doesNotContain(leaf);

        assertThat(succeeded(site1("xmpp purge nodes"))).isEqualTo("Purged node device_state/site1@" + server.domain()
                + ".\nPurged node message_waiting/site1@" + server.domain() + ".\n");
        assertThat(succeeded(site2("core show hints"))).as("buddies keep what they know after a purge")
                .contains("State:InUse ");

        Statefed.Output foreign = site1("xmpp delete node device_state/site2@" + server.domain());
        assertThat(foreign.exitCode()).isEqualTo(1);
        assertThat(foreign.stdout()).startsWith("[asterisk] deleting node device_state/site2@" + server.domain()
                + " failed (Connected): ");
    }

    @Test
    @Order(9)
    void helpListsTheCommandsAndExplainsOne() {
        assertThat(succeeded(site1("help"))).contains("devstate change                -- ")
                .contains("xmpp show connections          -- ");
        assertThat(succeeded(site1("help devstate change"))).startsWith("Usage: devstate change DEVICE STATE\n");
    }

    @Test
    @Order(10)
    void wrongArgumentsAndUnknownCommandsFail() {
        Statefed.Output usage = site1("devstate change Custom:mystate");
        assertThat(usage.exitCode()).isEqualTo(1);
        assertThat(usage.stdout()).startsWith("Usage: devstate change DEVICE STATE\n");

        Statefed.Output unknown = site1("core show hint");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stdout()).isEqualTo("No such command 'core show hint'; did you mean 'core show hints'? "
                + "Type 'help' for the list of commands.\n");
    }

    @Test
    @Order(11)
    void aSecondNodeWithTheSameAdminSocketRefusesToStart() throws Exception {
        Path secondLog = dir.resolve("second.log");
        Process second = Statefed.launch(secondLog, "run", "-c", config.toString());
        try {
            assertThat(second.waitFor(20, TimeUnit.SECONDS)).as("second node gave up").isTrue();
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(read(secondLog)).contains("statefed run: another statefed node is running: it answers on the "
                    + "admin socket " + site1Socket);
        } finally {
            second.destroyForcibly();
        }
        assertThat(succeeded(site1("jabber show connected"))).contains("- Connected");
    }

    @Test
    @Order(12)
    void afterSigtermTheSocketIsGoneAndTheConsoleSaysNoNodeRuns() throws Exception {
        site1.destroy();
        assertThat(site1.waitFor(6, TimeUnit.SECONDS)).isTrue();
        assertThat(site1.exitValue()).isZero();

        assertThat(site1Socket).doesNotExist();
        Statefed.Output output = site1("core show hints");
        assertThat(output.exitCode()).isEqualTo(69);
        assertThat(output.stderr()).isEqualTo("statefed: no statefed node is running at the admin socket " + site1Socket
                + ": there is no such socket; start one with statefed run -c FILE, or check admin_socket in the file\n");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
