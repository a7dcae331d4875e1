package org.statefed.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statefed.config.ConfigReader;
import org.statefed.config.SampleConfigs;

class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Cli cli = new Cli("1.2.3", List.of(new CheckConfigCommand(new ConfigReader(Optional::empty))));
        return cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("jabber.conf"), text);
    }

    @ParameterizedTest
    @CsvSource({"--help", "-h"})
    void helpListsTheCommandsThatExist(String option) {
        assertThat(run(option)).isEqualTo(ExitCodes.OK);

        assertThat(out()).startsWith("Usage: statefed COMMAND [ARGUMENTS]\n")
                .contains("  check-config -c FILE   Check a jabber.conf and show the configuration statefed would use.")
                .contains("-h, --help").contains("-V, --version")
                .doesNotContain(" run ");
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"--version", "-V"})
    void versionPrintsTheVersion(String option) {
        assertThat(run(option)).isEqualTo(ExitCodes.OK);

        assertThat(out()).isEqualTo("statefed 1.2.3" + System.lineSeparator());
    }

    @Test
    void builtVersionComesFromTheFilteredResource() {
        int status = Cli.standard().run(new String[] {"--version"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out()).matches("statefed \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);

        assertThat(err()).startsWith("statefed: no command given\n\nUsage: statefed COMMAND");
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "check-conf | statefed: unknown command 'check-conf'; did you mean check-config?",
        "checkconfig | statefed: unknown command 'checkconfig'; did you mean check-config?",
        "version | statefed: unknown command 'version'; did you mean --version?",
        "--verison | statefed: unknown option '--verison'; did you mean --version?",
        "-v | statefed: unknown option '-v'; did you mean -V?",
        "run | statefed: unknown command 'run'",
        "--frobnicate | statefed: unknown option '--frobnicate'"})
    void unknownWordsAreUsageErrorsWithSuggestions(String word, String firstLine) {
        assertThat(run(word)).isEqualTo(ExitCodes.USAGE);

        assertThat(err()).startsWith(firstLine + "\n\nUsage: statefed COMMAND");
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "check-config | statefed check-config: which file? Give it with -c, e.g. statefed check-config -c"
                + " /etc/asterisk/jabber.conf",
        "check-config -c | statefed check-config: -c needs the configuration file after it, e.g. statefed"
                + " check-config -c /etc/asterisk/jabber.conf",
        "check-config --confg x.conf | statefed check-config: unknown option '--confg'; did you mean --config?",
        "check-config x.conf | statefed check-config: unexpected argument 'x.conf'; give the configuration file"
                + " with -c, e.g. statefed check-config -c x.conf",
        "check-config -c a.conf -c b.conf | statefed check-config: the configuration file is given twice ('a.conf'"
                + " and 'b.conf'); give one"})
    void wrongCheckConfigArgumentsAreUsageErrors(String commandLine, String firstLine) {
        assertThat(run(commandLine.split(" "))).isEqualTo(ExitCodes.USAGE);

        assertThat(err()).isEqualTo(firstLine + "\nUsage: statefed check-config -c FILE\n"
                + "Run 'statefed check-config --help' for details.\n");
    }

    @Test
    void checkConfigHelpExplainsTheCommand() {
        assertThat(run("check-config", "--help")).isEqualTo(ExitCodes.OK);

        assertThat(out()).startsWith("Usage: statefed check-config -c FILE\n").contains("-c, --config FILE")
                .contains("Exit status: 0 the file is valid, 2 it has errors");
    }

    @Test
    void validFilePrintsTheEffectiveConfigurationAndExitsZero() {
        assertThat(run("check-config", "-c", "jabber.conf.sample")).isEqualTo(ExitCodes.OK);

        assertThat(out()).startsWith("; Configuration statefed would use, read from jabber.conf.sample:\n")
                .contains("\n[general]\n", "\nentityid = 00:11:22:33:44:01\n", "\n[asterisk]\n",
                        "\nsecret = ***\n", "\nbuddy = server2@localhost\nbuddy = server3@localhost\n",
                        "\n[hints]\n1234@devstate_test = Custom:mystate\n", "\n; 1 notice:\n; [asterisk] usetls = no")
                .endsWith("; jabber.conf.sample is valid: 1 client (1 sharing events), 1 hint, 1 notice.\n")
                .doesNotContain("change-me");
        assertThat(err()).isEmpty();
    }

    @Test
    void sipPublicationSectionsAreListedAndCounted() throws IOException {
        Path file = write(Files.readString(Path.of("jabber.conf.sample")) + "\n[pbx1]\ntype = sip_publication\n"
                + "bind = 127.0.0.1:5062\nserver_uri = sip:statefed@127.0.0.1:5061\noutbound_username = statefed\n"
                + "outbound_password = pbx-Secret\n");

        assertThat(run("check-config", "-c", file.toString())).isEqualTo(ExitCodes.OK);

        assertThat(out()).contains("\n[pbx1]\ntype = sip_publication\nbind = 127.0.0.1:5062\n",
                        "\noutbound_password = ***\n")
                .endsWith(" is valid: 1 client (1 sharing events), 1 SIP publication peer, 1 hint, 1 notice.\n")
                .doesNotContain("pbx-Secret");
    }

    @Test
    void longConfigOptionWorksToo() throws IOException {
        Path file = write(Files.readString(Path.of("jabber.conf.sample")));

        assertThat(run("check-config", "--config=" + file)).isEqualTo(ExitCodes.OK);
        assertThat(run("check-config", "--config", file.toString())).isEqualTo(ExitCodes.OK);
    }

    @Test
    void stateFileWhoseDirectoryCannotBeWrittenIsAnError() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = write(Files.readString(Path.of("jabber.conf.sample"))
                .replace("state_file = statefed-state.db", "state_file = plain-file/state.db"));

        assertThat(run("check-config", "-c", file.toString())).isEqualTo(ExitCodes.CONFIG_ERROR);

        assertThat(err()).isEqualTo(file + ": [general] state_file = " + notADirectory.resolve("state.db")
                + ": its directory " + notADirectory + " does not exist (or is not a directory); create it, writable by "
                + "the user statefed runs as, or set state_file to another path\n"
                + "1 error in " + file + "; statefed will not start until it is fixed.\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void fileWithMistakesPrintsEveryErrorAndExitsTwo() throws IOException {
        Path file = write(SampleConfigs.FIVE_MISTAKES);

        assertThat(run("check-config", "-c", file.toString())).isEqualTo(ExitCodes.CONFIG_ERROR);

        assertThat(err()).isEqualTo(String.join("\n",
                file + ":2: [general] entityid = 00:11:22:33:44: must be six two-digit hex numbers separated by"
                        + " colons, e.g. 00:11:22:33:44:55 (it has 14 characters, not 17)",
                file + ":6: [asterisk] port = 99999: must be a whole number from 1 to 65535",
                file + ":10: [asterisk] distribute_events = maybe: must be yes or no (also accepted: true/false,"
                        + " on/off, y/n, t/f, 1/0)",
                file + ":11: [asterisk] buddy = server1@example.com: is this account's own JID (username);"
                        + " list the other sites' accounts",
                file + ":13: [asterisk] prot: unknown key; did you mean port?",
                "5 errors in " + file + "; statefed will not start until they are fixed.\n"));
        assertThat(out()).isEmpty();
        assertThat(err()).doesNotContain("s3cret");
    }

    @Test
    void missingFileExitsTwoWithOneClearLine() {
        Path missing = dir.resolve("nowhere.conf");

        assertThat(run("check-config", "-c", missing.toString())).isEqualTo(ExitCodes.CONFIG_ERROR);

        assertThat(err()).isEqualTo(missing + ": cannot read the configuration file: no such file (" + missing + ")\n"
                + "1 error in " + missing + "; statefed will not start until it is fixed.\n");
    }
}
