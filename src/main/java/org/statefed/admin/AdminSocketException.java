package org.statefed.admin;

/** The admin socket cannot be served: another node answers there, or the path is unusable. The message says which, for the operator. */
public final class AdminSocketException extends Exception {

    public AdminSocketException(String message) {
        super(message);
    }

    public AdminSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
