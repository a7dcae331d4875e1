package org.statefed.admin;

/** A command could not do its work; the message says why, for the operator. */
public final class CommandFailedException extends Exception {

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
