package org.statefed.demo.lan;

/** The demo cannot have its private corosync here; the message says why in one line. */
public final class CorosyncUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public CorosyncUnavailableException(String message) {
        super(message);
    }
}
