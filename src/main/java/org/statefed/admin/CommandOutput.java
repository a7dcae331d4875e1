package org.statefed.admin;

import java.io.IOException;
import java.util.Locale;

/**
 * The text a command prints, lines ending with {@code \n} whatever the platform. Kept whole for
 * tests and short answers; on the admin socket it is handed to a {@link Sink} every
 * {@link #CHUNK_CHARS} characters, so that {@code devstate list} of 620 000 devices (71 MB) never
 * exists as one string.
 */
public final class CommandOutput {
    /** How much text is collected before it is handed on; the admin socket sends one frame per chunk. */
    static final int CHUNK_CHARS = 32 * 1024;

    /** Takes the text collected so far, e.g. to send it. */
    @FunctionalInterface
    interface Sink {
        void accept(String chunk) throws IOException;
    }

    /** The sink failed (the client went away): the command stops, nothing more is printed. */
    static final class SinkFailedException extends RuntimeException {
        SinkFailedException(IOException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final Sink sink;

    /** Keeps all text, for {@link #toString()}. */
    public CommandOutput() {
        this(null);
    }

    /** Hands text to {@code sink} in chunks; {@link #toString()} is what has not been handed on yet. */
    CommandOutput(Sink sink) {
        this.sink = sink;
    }

    /** Appends one line. */
    public CommandOutput println(String line) {
        text.append(line).append('\n');
        return spill();
    }

    /** Appends {@link String#format} of the arguments (root locale) and a newline. */
    public CommandOutput printf(String format, Object... args) {
        return println(String.format(Locale.ROOT, format, args));
    }

    /** Appends text as it is. */
    public CommandOutput print(String chunk) {
        text.append(chunk);
        return spill();
    }

    private CommandOutput spill() {
        if (sink != null && text.length() >= CHUNK_CHARS) {
            try {
                sink.accept(text.toString());
            } catch (IOException e) {
                throw new SinkFailedException(e);
            }
            text.setLength(0);
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
