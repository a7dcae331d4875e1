package org.statefed.demo.lan;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.statefed.demo.server.DirectoryTree;

/**
 * A private corosync 3 daemon ({@code corosync -f}) for the demo: a single-node ring on 127.0.0.1 (knet, no
 * crypto), with its own config and state directory, as the integration tests' fixture starts it.
 *
 * <p><b>One daemon per machine</b>: libcpg clients find the daemon by fixed abstract socket names and corosync
 * refuses to start beside another one. So the demo takes the same machine-wide file lock as the tests'
 * fixture ({@link #LOCK_FILE}) and holds it until {@link #close()}; a corosync it did not start makes the
 * demo go without its LAN rather than join someone else's ring.
 */
public final class PrivateCorosync implements AutoCloseable {
    /** The lock file the integration tests' CorosyncDaemon fixture takes too. */
    public static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "statefed-corosync-it.lock");
    /** totem.token: 1000 ms keeps membership changes quick (corosync's default is 3000). */
    public static final Duration TOKEN = Duration.ofMillis(1000);
    /** A test or another demo holding the machine's corosync is usually done within this. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    /** Startup has no configured bound; about 1 s here, so 30 s only catches a daemon that will not come up. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String READY_LINE = "ready to provide service";
    private static final Path BINARY = Path.of("/usr/sbin/corosync");
    private static final long POLL_NANOS = 20_000_000;

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Process process;

    private PrivateCorosync(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the machine's corosync slot and starts a daemon in it.
     *
     * @param out where to say that it waits for the slot, if it must
     * @throws CorosyncUnavailableException when corosync is not installed, another corosync runs, the slot stays
     *     taken or the daemon does not start: the message says which, in one line
     */
    public static PrivateCorosync start(PrintStream out) throws CorosyncUnavailableException {
        return start(out, BINARY);
    }

    /** The same with the daemon at {@code binary} (Debian's path, or a missing one in tests). */
    static PrivateCorosync start(PrintStream out, Path binary) throws CorosyncUnavailableException {
        if (!Files.isExecutable(binary)) {
            throw new CorosyncUnavailableException("corosync is not installed (no " + binary + "; Debian package"
                    + " corosync)");
        }
        Optional<ProcessHandle> foreign = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/corosync")).orElse(false)).findFirst();
        if (foreign.isPresent()) {
            throw new CorosyncUnavailableException("a corosync daemon already runs here (pid " + foreign.get().pid()
                    + ") and corosync allows one per machine");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CorosyncUnavailableException("cannot open the lock file " + LOCK_FILE + ": " + e.getMessage());
        }
        PrivateCorosync daemon = null;
        try {
            FileLock lock = awaitLock(channel, out);
            Path directory = Files.createTempDirectory("statefed-demo-corosync-");
            daemon = new PrivateCorosync(directory, channel, lock);
            daemon.writeConfig(freeUdpPort());
            daemon.launch(binary);
            return daemon;
        } catch (IOException e) {
            closeAfterFailure(daemon, channel);
            throw new CorosyncUnavailableException("cannot prepare a private corosync: " + e.getMessage());
        } catch (CorosyncUnavailableException | RuntimeException e) {
            closeAfterFailure(daemon, channel);
            throw e;
        }
    }

    private static void closeAfterFailure(PrivateCorosync daemon, FileChannel channel) {
        if (daemon != null) {
            daemon.close();
        } else {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + LOCK_FILE, e);
            }
        }
    }

    private static FileLock awaitLock(FileChannel channel, PrintStream out)
            throws IOException, CorosyncUnavailableException {
        FileLock lock = channel.tryLock();
        if (lock != null) {
            return lock;
        }
        out.printf("Another statefed test or demo uses this machine's corosync (%s); waiting up to %d s...%n",
                LOCK_FILE, LOCK_WAIT.toSeconds());
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while ((lock = channel.tryLock()) == null) {
            if (System.nanoTime() > deadline) {
                throw new CorosyncUnavailableException("this machine's corosync stayed in use by another statefed"
                        + " test or demo for " + LOCK_WAIT.toSeconds() + " s (" + LOCK_FILE + ")");
            }
            LockSupport.parkNanos(100_000_000);
        }
        return lock;
    }

    /**
     * How long a membership change or a delivery may take on this ring: a token rotation plus the consensus
     * timeout (1.2 × token), doubled, plus 5 s for a loaded machine.
     */
    public Duration membershipDeadline() {
        return TOKEN.plus(TOKEN.multipliedBy(12).dividedBy(10)).multipliedBy(2).plusSeconds(5);
    }

    public long pid() {
        return process.pid();
    }

    /** The daemon's directory (config, log, state). */
    public Path directory() {
        return directory;
    }

    private Path log() {
        return directory.resolve("corosync.log");
    }

    private void writeConfig(int port) throws IOException {
        String text = """
                # Written by 'statefed demo': a private single-node ring on 127.0.0.1.
                totem {
                    version: 2
                    cluster_name: statefed-demo
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
                        name: statefed-demo-node1
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
                """.formatted(TOKEN.toMillis(), port, directory);
        Files.writeString(directory.resolve("corosync.conf"), text);
    }

    private void launch(Path binary) throws IOException, CorosyncUnavailableException {
        process = new ProcessBuilder(binary.toString(), "-f", "-c", directory.resolve("corosync.conf").toString())
                .redirectErrorStream(true).redirectOutput(log().toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!logText().contains(READY_LINE)) {
            if (!process.isAlive()) {
                String last = logText().strip().lines().reduce((a, b) -> b).orElse("no output");
                throw new CorosyncUnavailableException("corosync exited while starting (exit "
                        + process.exitValue() + "): " + last);
            }
            if (System.nanoTime() > deadline) {
                throw new CorosyncUnavailableException("corosync was not ready within " + START_TIMEOUT.toSeconds()
                        + " s (log " + log() + ")");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private String logText() throws IOException {
        return Files.exists(log()) ? Files.readString(log(), StandardCharsets.UTF_8) : "";
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    /** Stops the daemon (SIGTERM, then SIGKILL), deletes its directory and frees the machine's slot. */
    @Override
    public void close() {
        try {
            stopProcess();
        } finally {
            try {
                DirectoryTree.delete(directory);
            } finally {
                try {
                    lock.release();
                    lockChannel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot release " + LOCK_FILE, e);
                }
            }
        }
    }

    private void stopProcess() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
