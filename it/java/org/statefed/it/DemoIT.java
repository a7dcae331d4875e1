package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/statefed demo --no-lan} (site A's Corosync LAN is {@link DemoLanIT}'s) as a real process, as a new user runs it after {@code mvn package}: every step's
 * change reaches all three sites, the tables show it, and no prosody is left behind.
 */
class DemoIT {
    private static final Pattern PROSODY_PID = Pattern.compile("prosody listens on 127\\.0\\.0\\.1:\\d+ \\(pid (\\d+)\\)");
    private static final Pattern CONVERGED = Pattern.compile(
            "converged: site A \\d+\\.\\d ms, site B \\d+\\.\\d ms, site C \\d+\\.\\d ms");

    @TempDir
    Path dir;

    /** devstate list's line for site C's entry: "(this site)" at C, C's JID elsewhere once C's eid is known. */
    private static final String CAROL_BUSY_AT_C =
            "---     from 00:00:5e:00:53:0c(?: \\((?:this site|site-c@localhost)\\))?: 'BUSY'";

    /** Per step: the lines every one of the three sites must show after it, as regular expressions. */
    private static final List<List<String>> EXPECTED = List.of(
            List.of(hint("100@demo", "PJSIP/alice", "Ringing"), hint("400@demo", "PJSIP/alice&PJSIP/carol", "Ringing"),
                    "--- Name: 'PJSIP/alice'  State: 'RINGING'"),
            List.of(hint("100@demo", "PJSIP/alice", "InUse"), hint("400@demo", "PJSIP/alice&PJSIP/carol", "InUse"),
                    "--- Name: 'PJSIP/alice'  State: 'INUSE'"),
            List.of(hint("300@demo", "PJSIP/carol", "Busy"), hint("400@demo", "PJSIP/alice&PJSIP/carol", "Busy"),
                    "--- Name: 'PJSIP/carol'  State: 'BUSY'", CAROL_BUSY_AT_C),
            List.of("(?m)^ +1 +0 1000@demo$", CAROL_BUSY_AT_C),
            List.of(hint("100@demo", "PJSIP/alice", "Idle"), hint("400@demo", "PJSIP/alice&PJSIP/carol", "Busy"),
                    "--- Name: 'PJSIP/alice'  State: 'NOT_INUSE'", "(?m)^ +1 +0 1000@demo$"));

    private static String hint(String name, String devices, String state) {
        return Pattern.quote(hintLine(name, devices, state));
    }

    /** A line of {@code core show hints}, as Asterisk formats it. */
    private static String hintLine(String name, String devices, String state) {
        return String.format("%-30s: %-60s  State:%-15s Presence:not_set         Watchers  0", name, devices, state);
    }

    @Test
    void demoShowsEveryStepConvergedAtEverySiteAndLeavesNoProsodyBehind() throws Exception {
        Path log = dir.resolve("demo.log");
        Process process = launch(log);
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("demo finished within 60 s").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println("statefed demo output:\n" + output);
        assertThat(process.exitValue()).as("exit status; output:\n" + output).isZero();
        String[] steps = output.split("\n== Step ");
        assertThat(steps).as("five steps").hasSize(6);
        for (int i = 0; i < EXPECTED.size(); i++) {
            String step = steps[i + 1];
            assertThat(step).startsWith((i + 1) + " of 5");
            assertThat(CONVERGED.matcher(step).find()).as("step %d converged at every site:%n%s", i + 1, step)
                    .isTrue();
            for (String line : EXPECTED.get(i)) {
                assertThat(Pattern.compile(line).matcher(step).results().count())
                        .as("step %d: sites showing '%s'", i + 1, line).isEqualTo(3);
            }
        }
        assertThat(output).contains("Every site showed every change.").endsWith("Stopped; nothing is left running.\n");
        assertNoProsodyLeft(output);
    }

    @Test
    void keptDemoPrintsWhereEachSiteIsAndStopsCleanlyOnSigterm() throws Exception {
        Path log = dir.resolve("demo-keep.log");
        Process process = launch(log, "--keep");
        try {
            Await.until(Duration.ofSeconds(60), () -> read(log).contains("Press Ctrl-C"), () -> read(log));
            String output = read(log);
            for (String account : List.of("site-a", "site-b", "site-c")) {
                Matcher config = Pattern.compile("config (\\S+/" + account + "/jabber\\.conf)").matcher(output);
                assertThat(config.find()).as("config of %s printed", account).isTrue();
                assertThat(Path.of(config.group(1))).isRegularFile();
                assertThat(output).contains("console: bin/statefed -c " + config.group(1) + " -r");
                Process remote = new ProcessBuilder(Path.of("bin/statefed").toAbsolutePath().toString(), "-c",
                        config.group(1), "-rx", "core show hints").redirectErrorStream(true).start();
                String hints = new String(remote.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(remote.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(remote.exitValue()).as("-rx on %s: %s", account, hints).isZero();
                assertThat(hints).as("%s's hints through its admin socket", account).contains(
                        hintLine("300@demo", "PJSIP/carol", "Busy"));
                Matcher board = Pattern.compile(Pattern.quote(config.group(1))
                        + "\\n\\s+board\\s+(http://127\\.0\\.0\\.1:\\d+/)").matcher(output);
                assertThat(board.find()).as("board of %s printed:%n%s", account, output).isTrue();
                java.net.http.HttpResponse<String> api = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(board.group(1) + "api/hints")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(api.body()).as("%s's hints through its HTTP API", account)
                        .contains("{\"hint\":\"300@demo\",\"exten\":\"300\",\"context\":\"demo\",\"devices\":[\"PJSIP/carol\"],\"state\":\"Busy\"}");
            }
            process.destroy();
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s of SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = read(log);
        assertThat(process.exitValue()).as("exit status; output:\n" + output).isZero();
        assertThat(output).endsWith("Stopped; nothing is left running.\n");
        Matcher config = Pattern.compile("config (\\S+/site-a/jabber\\.conf)").matcher(output);
        assertThat(config.find()).isTrue();
        assertThat(Path.of(config.group(1)).getParent().getParent()).as("generated configs deleted").doesNotExist();
        assertNoProsodyLeft(output);
    }

    private static void assertNoProsodyLeft(String output) {
        Matcher pid = PROSODY_PID.matcher(output);
        assertThat(pid.find()).as("prosody's pid printed").isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).filter(ProcessHandle::isAlive))
                .as("prosody process %s", pid.group(1)).isEmpty();
    }

    private Process launch(Path log, String... extra) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of("bin/statefed").toAbsolutePath().toString(),
                "demo", "--no-lan"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
