package org.statefed.it.corosync;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a child JVM by {@link CorosyncDaemonIT}: tries once to take the file lock named by its
 * argument, as another test run's {@code CorosyncDaemon} would, and prints {@code LOCKED} or {@code BUSY}.
 */
public final class LockProbeMain {

    private LockProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            System.out.println(lock == null ? "BUSY" : "LOCKED");
        }
    }
}
