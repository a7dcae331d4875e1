package org.statefed.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a state file can be used by this process: its directory must exist and be writable (the
 * store appends to the file and moves a damaged one aside there). Shared by {@code check-config} and
 * {@link StateStore#open}.
 */
public final class StateFileCheck {

    private StateFileCheck() {
    }

    /** Empty if {@code file} can be used, else what is wrong and what to do, for the operator. */
    public static Optional<String> problemWith(Path file) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            return Optional.of("is not a file path");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("its directory " + dir + " does not exist (or is not a directory); create it, "
                    + "writable by the user statefed runs as, or set state_file to another path");
        }
        if (!Files.isWritable(dir)) {
            return Optional.of("its directory " + dir + " cannot be written by this user; make it writable by the "
                    + "user statefed runs as, or set state_file to another path");
        }
        if (Files.isDirectory(absolute)) {
            return Optional.of("is a directory; set state_file to a file path, e.g. " + absolute.resolve("state.db"));
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            return Optional.of("exists but cannot be written by this user; fix its owner or permissions");
        }
        return Optional.empty();
    }
}
