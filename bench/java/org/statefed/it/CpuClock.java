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
     * CPU time of this JVM's JIT compiler threads (C1, C2), from /proc/self/task: a one-time cost of warming
     * up, not of the changes, which the first storm of a run would otherwise carry (C2 was 36–42 % of a
     * cold storm's CPU in JFR's thread loads). A compiler thread that ended meanwhile takes its time with it.
     */
    static long jitNanos() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToLong(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (!comm.startsWith("C1 Compiler") && !comm.startsWith("C2 Compiler")) {
                        return 0;
                    }
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException e) {
                    return 0; // the thread ended between listing and reading
                }
            }).sum() * NANOS_PER_TICK;
        } catch (IOException e) {
            return 0; // no /proc: nothing is subtracted
        }
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
