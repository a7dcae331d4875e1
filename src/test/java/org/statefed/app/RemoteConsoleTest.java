package org.statefed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statefed.admin.AdminSocketServer;
import org.statefed.admin.CommandRegistry;
import org.statefed.config.ConfigReader;
import org.statefed.config.StatefedConfig;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;

/** {@code statefed -c FILE -rx} and {@code -r} against a node (not connected to any server) serving its socket. */
class RemoteConsoleTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path file;
    private StatefedNode node;
    private AdminSocketServer admin;

    @BeforeEach
    void writeConfig() throws Exception {
        file = Files.writeString(dir.resolve("jabber.conf"), """
                [general]
                entityid = 00:11:22:33:44:01
                admin_socket = statefed.sock

                [hints]
                1234@devstate_test = Custom:mystate

                [asterisk]
                serverhost = 127.0.0.1
                port = 1
                username = server1@localhost/astvoip1
                secret = s3cret-pw
                pubsub_node = pubsub.localhost
                distribute_events = yes
                usetls = no
                buddy = server2@localhost
                """);
    }

    private void startNode() throws Exception {
        StatefedConfig config = reader().read(file);
        node = new StatefedNode(config, Clock.systemUTC());
        admin = AdminSocketServer.start(config.general().adminSocket(),
                CommandRegistry.standard(new NodeAdminView(node, Clock.systemUTC(), "1.2.3")));
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.stop(Duration.ofSeconds(1));
        }
    }

    private static ConfigReader reader() {
        return new ConfigReader(Optional::empty);
    }

    private int run(String input, String... args) {
        Cli cli = new Cli("1.2.3", List.of(), reader());
        return cli.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rxRunsOneCommandInTheNodeAndPrintsItsOutput() throws Exception {
        startNode();

        assertThat(run("", "-c", file.toString(), "-rx", "devstate change Custom:mystate INUSE")).isZero();
        assertThat(run("", "-rx", "core show hints", "--config=" + file)).isZero();

        assertThat(out()).isEqualTo("Changing Custom:mystate to INUSE\n"
                + "\n"
                + "    -= Registered Asterisk Dial Plan Hints =-\n"
                + String.format("%-30.30s: %-60.60s  State:%-15.15s Presence:%-15.15s Watchers %2d%n",
                        "1234@devstate_test", "Custom:mystate", "InUse", "not_set", 0)
                + "----------------\n"
                + "- 1 hints registered\n");
        assertThat(err()).isEmpty();
        assertThat(node.devices().aggregate("Custom:mystate")).isEqualTo(DeviceState.INUSE);
    }

    @Test
    void rxExitsOneWhenTheCommandFails() throws Exception {
        startNode();

        assertThat(run("", "-c", file.toString(), "-rx", "devstate change Custom:mystate NOPE")).isEqualTo(1);
        assertThat(out()).startsWith("Invalid state 'NOPE'.\nUsage: devstate change DEVICE STATE\n");

        assertThat(run("", "-c", file.toString(), "-rx", "core show hint")).isEqualTo(1);
        assertThat(out()).contains("No such command 'core show hint'; did you mean 'core show hints'?");
    }

    @Test
    void aSocketCanBeNamedDirectly() throws Exception {
        startNode();

        assertThat(run("", "-s", dir.resolve("statefed.sock").toString(), "-rx", "mwi list")).isZero();
        assertThat(out()).isEqualTo("   New    Old Mailbox\n");
    }

    @Test
    void withoutARunningNodeRxSaysWhichSocketItTriedAndExits69() {
        assertThat(run("", "-c", file.toString(), "-rx", "core show hints")).isEqualTo(ExitCodes.NOT_RUNNING);

        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("statefed: no statefed node is running at the admin socket "
                + dir.resolve("statefed.sock") + ": there is no such socket; start one with statefed run -c FILE, "
                + "or check admin_socket in the file\n");
    }

    @Test
    void theConsoleRunsEachLineUntilExit() throws Exception {
        startNode();

        int status = run("devstate change Custom:mystate RINGING\n\n  DEVSTATE LIST  \nexit\ncore show hints\n",
                "-c", file.toString(), "-r");

        assertThat(status).isZero();
        assertThat(out()).startsWith("Changing Custom:mystate to RINGING\n\n----")
                .contains("--- Name: 'Custom:mystate'  State: 'RINGING'\n")
                .doesNotContain("Registered Asterisk Dial Plan Hints");
    }

    @Test
    void theConsoleEndsAtTheEndOfInput() throws Exception {
        startNode();

        assertThat(run("mwi update 1234@default 1 0\n", "-c", file.toString(), "-r")).isZero();

        assertThat(out()).isEqualTo("Updated mailbox 1234@default.\n");
    }

    /** Issue 10 #13: a command line past the protocol's 4 096 bytes is a usage error, not a stack trace. */
    @Test
    void rxRefusesACommandLongerThanTheLimitWithAClearError() throws Exception {
        startNode();
        String command = "devstate change " + "x".repeat(5000) + " INUSE";

        assertThat(run("", "-c", file.toString(), "-rx", command)).isEqualTo(ExitCodes.USAGE);

        assertThat(err()).startsWith("statefed: -rx: the command has " + command.length() + " bytes; a command may"
                + " have at most 4096 bytes\n");
        assertThat(out()).isEmpty();
    }

    /** Issue 10 #13: the console says why it did not send a long line and carries on with the next one. */
    @Test
    void theConsoleRefusesALongLineAndCarriesOn() throws Exception {
        startNode();
        String longLine = "devstate change " + "x".repeat(5000) + " INUSE";

        int status = run(longLine + "\nmwi list\nexit\n", "-c", file.toString(), "-r");

        assertThat(status).isZero();
        assertThat(err()).isEqualTo("statefed: not sent: the command has " + longLine.length() + " bytes; a"
                + " command may have at most 4096 bytes\n");
        assertThat(out()).isEqualTo("   New    Old Mailbox\n");
    }

    /** Issue 10 #16: the Java API that feeds use refuses a look-alike name at once, before any publish. */
    @Test
    void theNodeRefusesALookAlikeNameFromAFeed() throws Exception {
        startNode();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> node.changeDeviceState("SIP/100\u202e1", DeviceState.BUSY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid device name: it has an invisible or direction-changing character"
                        + " (U+202E RIGHT-TO-LEFT OVERRIDE) at position 8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.updateMailbox("1\u200b00@default", 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid mailbox: it has an invisible");
        assertThat(node.devices().snapshot()).isEmpty();
    }

    @Test
    void aFileWithErrorsIsReportedAsCheckConfigWould() throws Exception {
        Files.writeString(file, "[general]\nentityid = nope\n");

        assertThat(run("", "-c", file.toString(), "-rx", "help")).isEqualTo(ExitCodes.CONFIG_ERROR);
        assertThat(err()).contains("entityid = nope");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "-rx | statefed: -rx needs the command, in quotes after it, e.g. " + RemoteConsole.EXAMPLE,
        "-rx help | statefed: give the configuration file with -c FILE, e.g. " + RemoteConsole.EXAMPLE,
        "-c x.conf | statefed: say what to do: -rx \"COMMAND\" runs one command, -r opens the console, e.g. "
                + RemoteConsole.EXAMPLE,
        "-c x.conf -x help | statefed: -x needs -r: use -rx \"COMMAND\", e.g. " + RemoteConsole.EXAMPLE,
        "-c x.conf -rx _ | statefed: -rx needs a command, e.g. " + RemoteConsole.EXAMPLE,
        "-c x.conf -s y.sock -r | statefed: give either -c FILE or -s SOCKET, not both, e.g. " + RemoteConsole.EXAMPLE,
        "-c x.conf -rx core show hints | statefed: unexpected argument 'show' (put the command in quotes after -rx)",
        "-c x.conf -rr | statefed: unexpected argument '-rr'; did you mean -r? (put the command in quotes after -rx)"})
    void wrongConsoleArgumentsAreUsageErrors(String commandLine, String firstLine) {
        // "_" stands for an argument that is a single space
        String[] args = Arrays.stream(commandLine.split(" ")).map(a -> a.equals("_") ? " " : a).toArray(String[]::new);

        assertThat(run("", args)).isEqualTo(ExitCodes.USAGE);

        assertThat(err()).startsWith(firstLine + "\n\nUsage: statefed -c FILE -rx \"COMMAND\"\n");
    }
}
