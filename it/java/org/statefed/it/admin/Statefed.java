package org.statefed.it.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code bin/statefed} of this checkout as a child process: a node ({@code run}) or one remote command ({@code -rx}). */
public final class Statefed {
    private static final long TIMEOUT_SECONDS = 30;

    /**
     * How a command ended.
     *
     * @param exitCode its exit status
     * @param stdout what it printed on standard output
     * @param stderr what it printed on standard error
     */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    private Statefed() {
    }

    /** Starts {@code bin/statefed ARGS}, its output (both streams) going to {@code log}. */
    public static Process launch(Path log, String... args) throws IOException {
        return new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Runs {@code bin/statefed ARGS} to its end, its streams kept apart. */
    public static Output run(Path workDir, String... args) {
        try {
            Path out = Files.createTempFile(workDir, "stdout-", ".txt");
            Path err = Files.createTempFile(workDir, "stderr-", ".txt");
            Process process = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("statefed " + String.join(" ", args) + " did not end within "
                        + TIMEOUT_SECONDS + " s");
            }
            Output output = new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of("bin/statefed").toAbsolutePath().toString());
        command.addAll(List.of(args));
        return command;
    }
}
