package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.admin.Statefed;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.EntityId;

/**
 * Fault 6: wrong password, unreachable server, {@code usetls=yes} against a server without TLS. Each
 * gives one clear line naming the cause and the fix, retries where retrying can help, never only a
 * stack trace, and never the password. The log read is what an operator reads: the stderr of a
 * {@code bin/statefed run} process (no global stream is swapped, so this test can run beside others).
 */
class ConnectionErrorsIT {
    private static final String WRONG = "not-the-password-42";
    /** JVM start plus one connection attempt. */
    private static final Duration FIRST_ATTEMPT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** {@code conf} with the value of {@code key} replaced. */
    private static String with(String conf, String key, String value) {
        String changed = conf.replaceFirst("(?m)^" + key + " = .*$", Matcher.quoteReplacement(key + " = " + value));
        assertThat(changed).as(key + " in the configuration").isNotEqualTo(conf);
        return changed;
    }

    @Test
    void eachMisconfigurationGetsAClearLineAndRetriesWithoutLeakingThePassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1"), false, 1000));
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            String base = cluster.jabberConf("site1", EntityId.parse("00:11:22:33:44:01"),
                    dir.resolve("statefed.sock").toString(), List.of());
            int port = server.clientPort();
            record Case(String name, String conf, String expected) {
            }
            List<Case> cases = List.of(
                    new Case("wrong password", with(base, "secret", WRONG),
                            "the server refused the login of site1@localhost: wrong username or secret"),
                    new Case("unreachable", with(base, "port", String.valueOf(closedPort)),
                            "cannot reach 127.0.0.1:" + closedPort),
                    new Case("usetls=yes without TLS", with(base, "usetls", "yes"),
                            "usetls=yes but 127.0.0.1:" + port + " offers no STARTTLS"));
            for (Case c : cases) {
                String slug = c.name().replaceAll("[^a-z]+", "-");
                Path config = Files.writeString(dir.resolve(slug + ".conf"), c.conf());
                Path log = dir.resolve(slug + ".log");
                Process process = Statefed.launch(log, "run", "-c", config.toString());
                try {
                    Await.until(FIRST_ATTEMPT, () -> read(log).contains(c.expected())
                            && read(log).contains("next connection attempt in"),
                            () -> c.name() + ": log was\n" + read(log));
                } finally {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                String lines = read(log);
                assertThat(lines).as(c.name()).doesNotContain(WRONG).doesNotContain(Cluster.PASSWORD)
                        .doesNotContain("\tat org.jivesoftware");
                System.out.printf("[fault 6 %s] %s%n", c.name(), lines.lines()
                        .filter(l -> l.contains(c.expected())).findFirst().orElse("?"));
            }
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
