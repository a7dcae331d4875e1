package org.statefed.web;

/** The HTTP server could not start: the address is taken or not local, the TLS key store is unreadable. */
public final class WebServerException extends RuntimeException {
    public WebServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
