package org.statefed.it.corosync;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.statefed.demo.lan.LanMemberMain;
import org.statefed.it.Await;

/** A {@link LanMemberMain} child JVM: start it, send it commands, await the lines it prints. */
final class CpgMemberProcess implements AutoCloseable {
    /** A child JVM start on a loaded 2-core machine; the join itself is part of the membership deadline. */
    static final Duration JVM_START = Duration.ofSeconds(30);

    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private CpgMemberProcess(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readLines, "cpg-member-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a member of {@code group} and waits until it has joined. */
    static CpgMemberProcess join(String group, Path stderrLog, Duration membershipDeadline) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    LanMemberMain.class.getName(), group).redirectError(stderrLog.toFile()).start();
            CpgMemberProcess member = new CpgMemberProcess(process);
            member.await(JVM_START.plus(membershipDeadline), l -> l.startsWith("JOINED ") || l.startsWith("FAILED"));
            return member;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    void send(byte[] payload) {
        command("SEND " + HexFormat.of().formatHex(payload));
    }

    void leave() {
        command("LEAVE");
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The first line matching, waiting up to {@code timeout} for it. */
    String await(Duration timeout, Predicate<String> wanted) {
        Await.until(timeout, () -> lines.stream().anyMatch(wanted), () -> "child member printed " + lines);
        return lines.stream().filter(wanted).findFirst().orElseThrow();
    }

    /** Kills the process hard (SIGKILL): corosync sees it go without a cpg_leave. */
    void kill(Duration timeout) {
        process.destroyForcibly();
        waitFor(timeout);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                command("QUIT");
            } catch (UncheckedIOException e) {
                // Its stdin is gone: it is already exiting; the kill below covers it.
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child member " + process.pid() + " still alive after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void command(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
