package org.statefed.app;

/** The exit statuses of {@code statefed}. */
public final class ExitCodes {
    /** Done, nothing wrong. */
    public static final int OK = 0;
    /** The configuration file has errors (or cannot be read). */
    public static final int CONFIG_ERROR = 2;
    /** The command line is wrong: BSD sysexits' {@code EX_USAGE}. */
    public static final int USAGE = 64;

    private ExitCodes() {
    }
}
