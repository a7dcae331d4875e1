package org.statefed.demo;

/** The demo could not run: something it needs is missing or its cluster did not come up; the message says why. */
public final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
