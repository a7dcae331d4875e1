package org.statefed.admin;

import java.util.Objects;

/**
 * What running one command gave.
 *
 * @param status how it ended
 * @param output what it printed, lines ending with {@code \n}
 */
public record CommandResult(CommandStatus status, String output) {
    public CommandResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
    }

    public boolean succeeded() {
        return status == CommandStatus.SUCCESS;
    }
}
