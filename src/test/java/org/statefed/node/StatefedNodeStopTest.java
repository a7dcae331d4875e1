package org.statefed.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.config.ConfigReader;
import org.statefed.config.StatefedConfig;

/**
 * stop(timeout) while the node is still connecting to a server that accepts the TCP connection and
 * never answers (Smack then waits up to the configured {@code timeout}, 30 s here, for the stream).
 */
class StatefedNodeStopTest {
    private static final Duration STOP = Duration.ofSeconds(1);
    /** Thread start and join on a loaded machine; a blocking Smack wait would overrun by many seconds. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final ExecutorService accepting = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopAccepting() {
        accepting.shutdownNow();
    }

    @Test
    void stopReturnsWithinItsTimeoutAndClosesTheConnectionWhileTheServerNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StatefedConfig config = new ConfigReader(Optional::empty).read(Files.writeString(dir.resolve("jabber.conf"),
                    """
                    [general]
                    entityid = 00:11:22:33:44:01
                    admin_socket = statefed.sock

                    [asterisk]
                    serverhost = 127.0.0.1
                    port = %d
                    username = site1@localhost/statefed
                    secret = s3cret-pw
                    pubsub_node = pubsub.localhost
                    distribute_events = yes
                    usetls = no
                    timeout = 30
                    buddy = site2@localhost
                    """.formatted(silent.getLocalPort())));
            Future<Socket> accepted = accepting.submit(silent::accept);
            StatefedNode node = new StatefedNode(config, Clock.systemUTC());
            node.start();
            try (Socket connection = accepted.get(30, TimeUnit.SECONDS)) {
                long before = System.nanoTime();
                node.stop(STOP);
                Duration took = Duration.ofNanos(System.nanoTime() - before);

                assertThat(took).isLessThan(STOP.plus(MARGIN));
                connection.setSoTimeout((int) MARGIN.toMillis());
                assertThat(readToEnd(connection.getInputStream())).as("the server sees the connection closed")
                        .isTrue();
            } finally {
                node.stop(Duration.ZERO);
            }
        }
    }

    /** Reads what the node sent (its stream header) up to the end of the stream; false on the read timeout. */
    private static boolean readToEnd(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // The stream header and nothing after it: discarded.
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            // A reset is a closed connection too.
            return true;
        }
    }
}
