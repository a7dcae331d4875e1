package org.statefed.admin;

import java.util.Arrays;

/** How a command ended, with the number the admin socket carries for it. */
public enum CommandStatus {
    /** Done. */
    SUCCESS(0),
    /** The command could not do its work (Asterisk's {@code CLI_FAILURE}). */
    FAILURE(1),
    /** Wrong arguments; the usage was printed (Asterisk's {@code CLI_SHOWUSAGE}). */
    USAGE(2),
    /** No command has these words. */
    UNKNOWN_COMMAND(3);

    private final int code;

    CommandStatus(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a number no status has */
    public static CommandStatus ofCode(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no command status " + code));
    }
}
