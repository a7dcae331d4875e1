package org.statefed.demo.server;

/** A managed server could not be set up, started, stopped or administered; the message says why. */
public class ManagedServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ManagedServerException(String message) {
        super(message);
    }

    public ManagedServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
