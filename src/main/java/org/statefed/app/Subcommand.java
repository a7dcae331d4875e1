package org.statefed.app;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code statefed COMMAND}. Adding a command means writing one of these and listing it in
 * {@link Cli#standard()}; {@link Cli} handles dispatch, {@code --help} and usage errors.
 */
public interface Subcommand {

    /** The word that selects it, e.g. {@code check-config}. */
    String name();

    /** Its arguments for the usage line, e.g. {@code -c FILE}. */
    String arguments();

    /** One line for the command list in {@code statefed --help}. */
    String summary();

    /** The full help text printed by {@code statefed COMMAND --help}, ending with a newline. */
    String help();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command word
     * @return the exit status, see {@link ExitCodes}
     * @throws CommandLineException when {@code args} are wrong; {@link Cli} prints usage and exits 64
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws CommandLineException;
}
