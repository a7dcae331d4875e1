package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.statefed.app.StatefedNode;
import org.statefed.config.ClientConfig;
import org.statefed.config.PubsubLayout;
import org.statefed.config.StatefedConfig;
import org.statefed.it.Await;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;

/**
 * Fault 6: wrong password, unreachable server, {@code usetls=yes} against a server without TLS. Each
 * gives one clear line naming the cause and the fix, retries where retrying can help, never only a
 * stack trace, and never the password. The log is statefed's stderr (slf4j-simple), captured here.
 */
class ConnectionErrorsIT {
    private static final String WRONG = "not-the-password-42";
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, captured), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static StatefedConfig with(StatefedConfig config, UnaryOperator<ClientConfig> change) {
        return new StatefedConfig(config.file(), config.general(), List.of(change.apply(config.clients().get(0))),
                config.hints(), config.notices(), config.sectionOrder());
    }

    private static ClientConfig copy(ClientConfig c, int port, String secret, boolean useTls) {
        return new ClientConfig(c.name(), c.type(), c.serverHost(), port, c.pubsubService(), c.jid(), c.resource(), secret,
                c.priority(), c.distributeEvents(), c.status(), c.statusMessage(), useTls, c.useSasl(), c.forceOldSsl(),
                c.keepalive(), c.timeout(), c.context(), c.sendToDialplan(), c.buddies(), c.tlsCaFile());
    }

    @Test
    void eachMisconfigurationGetsAClearLineAndRetriesWithoutLeakingThePassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1"), false, 1000));
                ProxiedCluster cluster = new ProxiedCluster(server, PubsubLayout.PER_SITE, 2, Duration.ofSeconds(30))) {
            StatefedConfig base = cluster.configOf("site1");
            int port = server.clientPort();
            record Case(String name, UnaryOperator<ClientConfig> change, String expected) {
            }
            List<Case> cases = List.of(
                    new Case("wrong password", c -> copy(c, port, WRONG, false),
                            "the server refused the login of site1@localhost: wrong username or secret"),
                    new Case("unreachable", c -> copy(c, closedPort, ProxiedCluster.PASSWORD, false),
                            "cannot reach 127.0.0.1:" + closedPort),
                    new Case("usetls=yes without TLS", c -> copy(c, port, ProxiedCluster.PASSWORD, true),
                            "usetls=yes but 127.0.0.1:" + port + " offers no STARTTLS"));
            for (Case c : cases) {
                int from = log().length();
                StatefedNode node = new StatefedNode(with(base, c.change()), Clock.systemUTC());
                try {
                    node.start();
                    Await.until(Duration.ofSeconds(15), () -> log().substring(from).contains(c.expected())
                            && log().substring(from).contains("next connection attempt in"),
                            () -> c.name() + ": log was\n" + log().substring(from));
                } finally {
                    node.stop(Duration.ofSeconds(2));
                }
                String lines = log().substring(from);
                assertThat(lines).as(c.name()).doesNotContain(WRONG).doesNotContain(ProxiedCluster.PASSWORD)
                        .doesNotContain("\tat org.jivesoftware");
                System.out.printf("[fault 6 %s] %s%n", c.name(), lines.lines()
                        .filter(l -> l.contains(c.expected())).findFirst().orElse("?"));
            }
        }
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
