package org.statefed.demo.server;

/**
 * How a short command ended.
 *
 * @param exitCode its exit code
 * @param output   its combined stdout and stderr
 */
public record CommandResult(int exitCode, String output) {

    /** Whether it exited with 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
