package org.statefed.app;

/** The exit statuses of {@code statefed}. */
public final class ExitCodes {
    /** Done, nothing wrong. */
    public static final int OK = 0;
    /** What was asked failed: a remote command failed, or another node runs on the admin socket. */
    public static final int FAILURE = 1;
    /** The configuration file has errors (or cannot be read). */
    public static final int CONFIG_ERROR = 2;
    /** The command line is wrong: BSD sysexits' {@code EX_USAGE}. */
    public static final int USAGE = 64;
    /** No node answers on the admin socket: BSD sysexits' {@code EX_UNAVAILABLE}. */
    public static final int NOT_RUNNING = 69;

    private ExitCodes() {
    }
}
