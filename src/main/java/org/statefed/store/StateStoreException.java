package org.statefed.store;

import java.nio.file.Path;

/**
 * The state file cannot be used at all (its directory cannot be written, another process holds it): a
 * configuration problem the operator must fix, unlike a damaged file, which is moved aside.
 */
public final class StateStoreException extends Exception {

    public StateStoreException(Path file, String problem) {
        super("state_file " + file + ": " + problem);
    }

    public StateStoreException(Path file, String problem, Throwable cause) {
        super("state_file " + file + ": " + problem, cause);
    }
}
