package org.statefed.app;

/** A command line a subcommand cannot run with; the message says what is wrong, for the user. */
public final class CommandLineException extends Exception {

    public CommandLineException(String message) {
        super(message);
    }
}
