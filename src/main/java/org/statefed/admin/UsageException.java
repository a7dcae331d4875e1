package org.statefed.admin;

/** A command was given wrong arguments; the message, if any, says which, before the usage is shown. */
public final class UsageException extends Exception {

    /** Wrong arguments, nothing more to say than the usage. */
    public UsageException() {
        super("");
    }

    public UsageException(String message) {
        super(message);
    }
}
