package org.statefed.demo.lan;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
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
    /** A test or another demo holding the machine's corosync is usually done within this. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final CorosyncRing ring;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private PrivateCorosync(CorosyncRing ring, FileChannel lockChannel, FileLock lock) {
        this.ring = ring;
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
        return start(out, CorosyncRing.BINARY);
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
            daemon = new PrivateCorosync(new CorosyncRing(Files.createTempDirectory("statefed-demo-corosync-"),
                    "statefed-demo"), channel, lock);
            daemon.ring.start(binary);
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

    /** How long a membership change or a delivery may take on this ring. */
    public Duration membershipDeadline() {
        return CorosyncRing.membershipDeadline();
    }

    public long pid() {
        return ring.pid();
    }

    /** The daemon's directory (config, log, state). */
    public Path directory() {
        return ring.directory();
    }

    /** Stops the daemon (SIGTERM, then SIGKILL), deletes its directory and frees the machine's slot. */
    @Override
    public void close() {
        try {
            ring.stop();
        } finally {
            try {
                DirectoryTree.delete(ring.directory());
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
}
