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
 * A line longer than the limit is answered with {@link CommandStatus#USAGE} and the connection is closed.
 * The length prefix, rather than an end marker, lets output contain any text.
 */
public final class AdminProtocol {
    /** Longest command line accepted; real commands are far shorter. */
    public static final int MAX_LINE_BYTES = 4096;
    /** Longest output a client accepts; a node with many thousands of devices stays far below. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
    private static final int MAX_HEADER_BYTES = 32;

    private AdminProtocol() {
    }

    /** Sends one command line. */
    static void writeRequest(OutputStream out, String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a command is one line");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_LINE_BYTES + 1) {
            throw new IllegalArgumentException("a command may have at most " + MAX_LINE_BYTES + " bytes");
        }
        out.write(bytes);
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

    /** Reads one result. @throws EOFException if the node closed the connection instead */
    static CommandResult readResult(InputStream in) throws IOException {
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
        CommandStatus status;
        int length;
        try {
            status = CommandStatus.ofCode(Integer.parseInt(parts[0]));
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
        return new CommandResult(status, new String(body, StandardCharsets.UTF_8));
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
