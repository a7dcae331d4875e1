package org.statefed.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM and by a server process with its children, in nanoseconds. The scale
 * scenario reads both before and after a phase in which only one side (statefed's sites or the raw
 * clients) is busy, so the difference is that side's cost plus the server's.
 */
final class CpuClock {
    /** Linux's USER_HZ: /proc/PID/stat counts CPU time in ticks of 1/100 s on every architecture we run on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClock() {
    }

    /** CPU time of every thread of this JVM (ours, Smack's, GC and JIT), alive or finished. */
    static long jvmNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report its process CPU time");
    }

    /**
     * User + system CPU time of process {@code pid} and its live descendants (ejabberd runs as beam.smp
     * under a wrapper, prosody under runuser when the bench runs as root), from /proc.
     */
    static long processTreeNanos(OptionalLong pid) {
        if (pid.isEmpty()) {
            return 0;
        }
        return ProcessHandle.of(pid.getAsLong())
                .map(root -> Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> ticks(p.pid())).sum())
                .orElse(0L) * NANOS_PER_TICK;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may itself hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        } catch (IOException e) {
            return 0; // the process ended between listing and reading: its time is lost with it
        }
    }
}
