package org.statefed.demo.lan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One corosync 3 daemon ({@code corosync -f}) as a single-node ring on 127.0.0.1 (knet, no crypto, as in
 * shared/captures/asterisk-res_corosync.txt), configured in a directory of its own: the demo's private LAN
 * and the integration tests' fixture both run it. It knows nothing of the machine-wide slot (one daemon per
 * machine); its owners take that first.
 */
public final class CorosyncRing {
    /** Debian's path of the daemon. */
    public static final Path BINARY = Path.of("/usr/sbin/corosync");
    /** totem.token: 1000 ms keeps membership changes quick (corosync's default is 3000). */
    public static final Duration TOKEN = Duration.ofMillis(1000);
    /** Startup has no configured bound (knet, services loading): about 1 s here, so 30 s only catches a hung one. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** SIGTERM first; corosync leaves the ring and unloads its services in about 1 s, then SIGKILL. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String READY_LINE = "ready to provide service";
    private static final long POLL_NANOS = 20_000_000;

    private final Path directory;
    private final Path config;
    private final Path log;
    private Process process;

    /**
     * Writes the ring's {@code corosync.conf} into {@code directory} (a fresh UDP port) without starting it.
     *
     * @param clusterName the ring's {@code cluster_name}; its node is named {@code <clusterName>-node1}
     */
    public CorosyncRing(Path directory, String clusterName) throws IOException {
        this.directory = directory;
        this.config = directory.resolve("corosync.conf");
        this.log = directory.resolve("corosync.log");
        Files.writeString(config, configText(clusterName, freeUdpPort()));
    }

    private String configText(String clusterName, int port) {
        return """
                # Written by statefed: a private single-node ring on 127.0.0.1.
                totem {
                    version: 2
                    cluster_name: %s
                    transport: knet
                    crypto_cipher: none
                    crypto_hash: none
                    token: %d
                    interface {
                        linknumber: 0
                        mcastport: %d
                    }
                }
                nodelist {
                    node {
                        ring0_addr: 127.0.0.1
                        name: %s-node1
                        nodeid: 1
                    }
                }
                quorum {
                    provider: corosync_votequorum
                }
                system {
                    state_dir: %s
                }
                logging {
                    to_stderr: yes
                    to_logfile: no
                    to_syslog: no
                    timestamp: on
                }
                """.formatted(clusterName, TOKEN.toMillis(), port, clusterName, directory);
    }

    /**
     * How long a membership change or a delivery may take on this ring: a token rotation plus the consensus
     * timeout (1.2 × token), doubled, plus 5 s for a loaded 2-core machine.
     */
    public static Duration membershipDeadline() {
        return TOKEN.plus(TOKEN.multipliedBy(12).dividedBy(10)).multipliedBy(2).plusSeconds(5);
    }

    /**
     * Starts {@code binary} on this ring's config and waits until it says it is ready.
     *
     * @throws CorosyncUnavailableException when it exits first or is not ready within {@link #START_TIMEOUT};
     *     its whole output is then in {@link #log()}
     */
    public void start(Path binary) throws IOException, CorosyncUnavailableException {
        Files.deleteIfExists(log);
        process = new ProcessBuilder(binary.toString(), "-f", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!logText().contains(READY_LINE)) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                String last = logText().strip().lines().reduce((a, b) -> b).orElse("no output");
                throw new CorosyncUnavailableException("corosync exited while starting (exit " + exit + "): " + last);
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new CorosyncUnavailableException("corosync was not ready within " + START_TIMEOUT.toSeconds()
                        + " s (log " + log + ")");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Stops the daemon (SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}); the directory stays.
     *
     * @throws IllegalStateException when it survives SIGKILL too
     */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("corosync pid " + process.pid() + " survived SIGKILL for "
                            + STOP_TIMEOUT.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public long pid() {
        if (process == null) {
            throw new IllegalStateException("corosync is not running");
        }
        return process.pid();
    }

    /** The daemon's directory (config, log, state). */
    public Path directory() {
        return directory;
    }

    /** What the daemon printed since its last start. */
    public Path log() {
        return log;
    }

    /** The daemon's output since its last start, empty before it. */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
}
