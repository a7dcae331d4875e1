package org.statefed.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 #18: {@code statefed run} as a real process, sent SIGTERM the moment its admin socket
 * appears, while the node is still being built. It used to die with 143 and leave the socket file
 * behind (the signal came before the handlers and the shutdown hook existed); now it stops cleanly.
 */
class EarlySigtermTest {
    /** The JVM's start and the class loading before the socket exists: generous for a loaded machine. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** RunCommand's 5 s shutdown bound, with room for a loaded machine. */
    private static final Duration SHUTDOWN = Duration.ofSeconds(5 + 25);

    @TempDir
    Path dir;

    @Test
    void sigtermWhileTheNodeStartsExitsZeroAndRemovesTheSocket() throws Exception {
        assumeTrue(ProcessHandle.current().info().command().isPresent(), "the java command of this JVM is unknown");
        Path socket = dir.resolve("statefed.sock");
        Path config = Files.writeString(dir.resolve("jabber.conf"), """
                [general]
                entityid = 00:11:22:33:44:01
                admin_socket = statefed.sock
                state_file = state.db

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
        Path log = dir.resolve("run.log");
        Process process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().get(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-c", config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (!Files.exists(socket) && process.isAlive()) {
                assertThat(System.nanoTime() - deadline).as("the socket did not appear; log:\n%s", read(log))
                        .isNegative();
                // A short park, not a sleep for a guessed time: the signal must follow the socket closely.
                LockSupport.parkNanos(200_000);
            }
            assertThat(process.isAlive()).as("still running when the socket appeared; log:\n%s", read(log)).isTrue();

            process.destroy();

            assertThat(process.waitFor(SHUTDOWN.toSeconds(), TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(process.exitValue()).as("exit status; log:\n%s", read(log)).isZero();
            assertThat(socket).as("the admin socket is removed").doesNotExist();
        } finally {
            process.destroyForcibly();
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
