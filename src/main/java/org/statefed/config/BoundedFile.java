package org.statefed.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file the configuration names, only if it is a regular file and no larger than a limit:
 * {@code /dev/zero} would be read forever, a FIFO would block the read until someone writes to it,
 * and a 2 GB file would end in an OutOfMemoryError. The size is checked before reading and again
 * while reading, since a file can grow in between.
 */
final class BoundedFile {
    private static final int S_IFMT = 0170000;

    private BoundedFile() {
    }

    /** The file is not something statefed reads; the message says what it is and what is allowed. */
    static final class UnreadableException extends Exception {
        UnreadableException(String message) {
            super(message);
        }
    }

    /**
     * The whole content of {@code file}.
     *
     * @param what what the file should be, for the message, e.g. {@code the configuration file}
     * @throws UnreadableException if it is not a regular file or is larger than {@code maxBytes}
     * @throws IOException if reading fails (no such file, permission denied, ...)
     */
    static byte[] read(Path file, int maxBytes, String what) throws IOException, UnreadableException {
        if (!Files.isRegularFile(file)) {
            String kind = kind(file);
            if (kind != null) {
                throw new UnreadableException("is " + kind + ", not a regular file; must be " + what);
            }
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw tooLarge(size, maxBytes, what);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(bytes.length, maxBytes, what);
            }
            return bytes;
        }
    }

    private static UnreadableException tooLarge(long size, int maxBytes, String what) {
        return new UnreadableException("is " + size + " bytes long, more than statefed reads (" + maxBytes
                + " bytes); must be " + what + ": is this the right file?");
    }

    /** What a path that is not a regular file is, in words; null if it does not exist (reading reports that). */
    private static String kind(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & S_IFMT) {
                case 0010000 -> "a FIFO (named pipe)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No "unix" view on this platform: the kind stays general, the refusal is the same.
            return "a special file";
        }
    }
}
