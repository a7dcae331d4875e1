package org.statefed.admin;

/** No node answers on the admin socket; the message names the socket and says what was found there. */
public final class NodeNotRunningException extends Exception {

    public NodeNotRunningException(String message, Throwable cause) {
        super(message, cause);
    }
}
