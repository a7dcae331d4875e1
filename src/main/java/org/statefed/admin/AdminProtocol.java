package org.statefed.admin;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The admin socket's framing, shared by the node and the remote console.
 *
 * <p>A connection carries any number of exchanges, one after the other; the client closes it when done
 * ({@code -rx} after one, the interactive console on {@code exit}):
 * <ol>
 *   <li>the client sends one command line, UTF-8, ended by {@code \n}, at most {@link #MAX_LINE_BYTES}
 *       bytes;</li>
 *   <li>the node answers with a header line {@code STATUS LENGTH\n} (ASCII decimals: the
 *       {@link CommandStatus#code()} and the byte length of the output) followed by exactly LENGTH
 *       bytes of UTF-8 output.</li>
 * </ol>
 * A long answer ({@code devstate list} of many devices) is streamed: any number of frames
 * {@code more LENGTH\n} and LENGTH bytes of output come before the {@code STATUS LENGTH} frame, which
 * carries the rest. Neither end holds the whole answer; a client prints each frame as it arrives.
 * Short answers look exactly as they did before streaming existed.
 * A line longer than the limit is answered with {@link CommandStatus#USAGE} and the connection is closed.
 * The length prefix, rather than an end marker, lets output contain any text.
 */
public final class AdminProtocol {
    /** Longest command line accepted; real commands are far shorter. */
    public static final int MAX_LINE_BYTES = 4096;
    /** Longest frame a client accepts, and longest answer it collects in memory (streamed answers have no limit). */
    static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
    private static final int MAX_HEADER_BYTES = 32;
    /** The first word of a frame that carries part of the output, the result's own frame still to come. */
    private static final String MORE = "more";

    private AdminProtocol() {
    }

    /**
     * Why {@code line} cannot be sent as one command, in words for the person who typed it, or null if it can.
     * The remote console asks before sending, so that a long paste is a clear error, not a stack trace.
     */
    public static String requestProblem(String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            return "a command is one line; this one has a line break in it";
        }
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_LINE_BYTES) {
            return "the command has " + bytes + " bytes; a command may have at most " + MAX_LINE_BYTES + " bytes";
        }
        return null;
    }

    /** Sends one command line. @throws IllegalArgumentException if {@link #requestProblem} names a problem */
    static void writeRequest(OutputStream out, String line) throws IOException {
        String problem = requestProblem(line);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads one command line.
     *
     * @return the line without its newline; null at the end of the stream
     * @throws LineTooLongException past {@link #MAX_LINE_BYTES}
     */
    static String readRequest(InputStream in) throws IOException {
        byte[] line = readLine(in, MAX_LINE_BYTES);
        if (line == null) {
            return null;
        }
        String text = new String(line, StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Sends one result. */
    static void writeResult(OutputStream out, CommandResult result) throws IOException {
        byte[] body = result.output().getBytes(StandardCharsets.UTF_8);
        out.write((result.status().code() + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Sends part of a long answer ahead of its {@link #writeResult result}. */
    static void writeMore(OutputStream out, String chunk) throws IOException {
        byte[] body = chunk.getBytes(StandardCharsets.UTF_8);
        out.write((MORE + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /**
     * Reads one result, whole, up to {@link #MAX_OUTPUT_BYTES}.
     *
     * @throws EOFException if the node closed the connection instead
     */
    static CommandResult readResult(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        OutputStream capped = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (all.size() + (long) length > MAX_OUTPUT_BYTES) {
                    throw new IOException("the answer is longer than " + MAX_OUTPUT_BYTES + " bytes; run the command"
                            + " with -rx, which prints any length, or narrow it (e.g. devstate list like PATTERN)");
                }
                all.write(bytes, offset, length);
            }
        };
        CommandStatus status = readResult(in, capped);
        return new CommandResult(status, all.toString(StandardCharsets.UTF_8));
    }

    /**
     * Reads one result, writing its output to {@code sink} as it arrives, so that an answer of any
     * length passes through in frames of bounded size.
     *
     * @return the command's status
     * @throws EOFException if the node closed the connection instead
     */
    static CommandStatus readResult(InputStream in, OutputStream sink) throws IOException {
        while (true) {
            byte[] header;
            try {
                header = readLine(in, MAX_HEADER_BYTES);
            } catch (LineTooLongException e) {
                throw new IOException("the admin socket answered with something that is not a statefed result", e);
            }
            if (header == null) {
                throw new EOFException("the node closed the admin connection without answering");
            }
            String[] parts = new String(header, StandardCharsets.US_ASCII).split(" ");
            boolean more = parts[0].equals(MORE);
            CommandStatus status = null;
            int length;
            try {
                if (!more) {
                    status = CommandStatus.ofCode(Integer.parseInt(parts[0]));
                }
                length = Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw new IOException("the admin socket answered with a malformed header", e);
            }
            if (length < 0 || length > MAX_OUTPUT_BYTES) {
                throw new IOException("the admin socket announced " + length + " bytes of output");
            }
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new EOFException("the node closed the admin connection in the middle of an answer");
            }
            sink.write(body);
            if (!more) {
                sink.flush();
                return status;
            }
        }
    }

    /** Bytes up to (without) the next {@code \n}; null at a clean end of stream. */
    private static byte[] readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection ended in the middle of a line");
            }
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= max) {
                throw new LineTooLongException(max);
            }
            line.write(b);
        }
    }

    /** A line past its limit. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int max) {
            super("line longer than " + max + " bytes");
        }
    }
}
