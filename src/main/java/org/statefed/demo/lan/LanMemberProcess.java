package org.statefed.demo.lan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.statefed.state.EntityId;

/** A {@link LanMemberMain} child JVM, started with this JVM's own class path. */
public final class LanMemberProcess implements LanMember, AutoCloseable {
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_NANOS = 20_000_000;

    private final String name;
    private final EntityId eid;
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LanMemberProcess(String name, EntityId eid, Process process) {
        this.name = name;
        this.eid = eid;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "lan-member-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a member of {@code group} and waits until it has joined.
     *
     * @param timeout a JVM start plus a corosync membership change
     * @throws IllegalStateException when it does not join in time, with what it printed
     */
    public static LanMemberProcess join(String name, EntityId eid, String group, Path stderrLog, Duration timeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eid, "eid");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process;
        try {
            process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    LanMemberMain.class.getName(), group).redirectError(stderrLog.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the LAN member " + name, e);
        }
        LanMemberProcess member = new LanMemberProcess(name, eid, process);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (member.line("JOINED ").isEmpty()) {
            if (member.line("FAILED").isPresent() || !process.isAlive() || System.nanoTime() > deadline) {
                member.close();
                throw new IllegalStateException(name + " did not join CPG group " + group + " within "
                        + timeout.toSeconds() + " s; it printed " + member.lines + " (stderr in " + stderrLog + ")");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return member;
    }

    private Optional<String> line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EntityId eid() {
        return eid;
    }

    /** The member's process id, which CPG names it by. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void send(byte[] event) {
        command("SEND " + HexFormat.of().formatHex(event));
    }

    @Override
    public List<Delivery> received() {
        return lines.stream().filter(l -> l.startsWith("MSG ")).map(l -> {
            String[] parts = l.split(" ");
            return new Delivery(Long.parseLong(parts[2]), HexFormat.of().parseHex(parts[3]));
        }).toList();
    }

    @Override
    public void leave() {
        close();
    }

    /** Asks it to leave and exit; kills it if it does not within 10 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            command("QUIT");
        } catch (UncheckedIOException e) {
            // Its stdin is gone: it is already exiting; the wait below covers it.
        }
        try {
            if (!process.waitFor(QUIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void command(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to the LAN member " + name, e);
        }
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("READ-ERROR " + e);
        }
    }
}
