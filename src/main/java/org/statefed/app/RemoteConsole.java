package org.statefed.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.statefed.admin.AdminClient;
import org.statefed.admin.AdminProtocol;
import org.statefed.admin.CommandStatus;
import org.statefed.admin.NodeNotRunningException;
import org.statefed.config.ConfigError;
import org.statefed.config.ConfigException;
import org.statefed.config.ConfigReader;
import org.statefed.config.Suggestions;

/**
 * {@code statefed -c FILE -rx "COMMAND"} and {@code statefed -c FILE -r}, like {@code asterisk -rx}
 * and {@code asterisk -r}: runs admin commands in the node that serves the file's {@code admin_socket}.
 * {@code -s SOCKET} names the socket directly instead of a file.
 */
final class RemoteConsole {
    static final String PROMPT = "statefed*CLI> ";
    static final String EXAMPLE = "statefed -c /etc/asterisk/jabber.conf -rx \"core show hints\"";
    /** The options that select the remote console when they come first. */
    static final Set<String> OPTIONS = Set.of("-r", "-rx", "-x", "-c", "--config", "-s");
    private static final Set<String> LEAVE = Set.of("exit", "quit");

    /** How the console was asked for. */
    private record Request(Path config, Path socket, boolean interactive, String command) {
    }

    private final ConfigReader reader;

    RemoteConsole(ConfigReader reader) {
        this.reader = reader;
    }

    /** Whether these arguments ask for the remote console. */
    static boolean isRequested(String first) {
        return OPTIONS.contains(first) || first.startsWith("--config=");
    }

    static String usage() {
        return """
                Usage: statefed -c FILE -rx "COMMAND"
                       statefed -c FILE -r
                       statefed -s SOCKET -rx "COMMAND" | -r

                Runs admin commands in the statefed node started with the same FILE, through
                its admin socket (admin_socket in FILE; only the node's user may use it).
                -rx runs one command, prints its output and exits 0 if it succeeded, 1 if not.
                -r opens the console (prompt statefed*CLI>, history, 'exit', 'quit' or Ctrl-D
                to leave). Type 'help' there, or run statefed -c FILE -rx help, for the commands.

                Exit status: 0 done, 1 the command failed, 2 FILE has errors, 64 the command line
                is wrong, 69 no node is running at the admin socket.

                Example:
                  %s
                """.formatted(EXAMPLE);
    }

    int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws CommandLineException {
        Request request = parse(args);
        Path socket = request.socket();
        if (socket == null) {
            try {
                socket = reader.read(request.config()).general().adminSocket();
            } catch (ConfigException e) {
                e.errors().stream().map(ConfigError::format).forEach(err::println);
                err.println(e.summary());
                return ExitCodes.CONFIG_ERROR;
            }
        }
        try (AdminClient client = AdminClient.connect(socket)) {
            return request.interactive() ? interactive(client, socket, in, out, err)
                    : once(client, request.command(), out);
        } catch (NodeNotRunningException e) {
            err.println("statefed: " + e.getMessage());
            return ExitCodes.NOT_RUNNING;
        } catch (IOException e) {
            err.println("statefed: the node at " + socket + " stopped answering (" + e.getMessage() + ")");
            return ExitCodes.NOT_RUNNING;
        }
    }

    /** Prints the output as it arrives: {@code devstate list} of 620 000 devices is 71 MB. */
    private static int once(AdminClient client, String command, PrintStream out) throws IOException {
        CommandStatus status = client.execute(command, out);
        out.flush();
        return status == CommandStatus.SUCCESS ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static int interactive(AdminClient client, Path socket, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        boolean terminal = in == System.in && System.console() != null;
        try (ConsoleInput lines = terminal
                ? new TerminalConsoleInput(Path.of(System.getProperty("user.home"), ".statefed_history"))
                : new PlainConsoleInput(in)) {
            if (terminal) {
                out.println("Connected to the statefed node at " + socket + ".");
                out.println("Type 'help' for the commands; 'exit', 'quit' or Ctrl-D leave.");
            }
            while (true) {
                String line = lines.readLine(PROMPT);
                if (line == null || LEAVE.contains(line.strip().toLowerCase(Locale.ROOT))) {
                    return ExitCodes.OK;
                }
                if (line.isBlank()) {
                    continue;
                }
                String problem = AdminProtocol.requestProblem(line.strip());
                if (problem != null) {
                    err.println("statefed: not sent: " + problem);
                    err.flush();
                    continue;
                }
                client.execute(line.strip(), out);
                out.flush();
            }
        } catch (IOException e) {
            err.println("statefed: the node at " + socket + " closed the console (" + e.getMessage() + ")");
            return ExitCodes.NOT_RUNNING;
        }
    }

    private static Request parse(List<String> args) throws CommandLineException {
        String config = null;
        String socket = null;
        boolean console = false;
        String command = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-c", "--config" -> config = value(args, ++i, arg, "the configuration file");
                case "-s" -> socket = value(args, ++i, arg, "the admin socket");
                case "-r" -> console = true;
                case "-rx", "-x" -> {
                    console = console || arg.equals("-rx");
                    command = value(args, ++i, arg, "the command, in quotes");
                }
                default -> {
                    if (arg.startsWith("--config=")) {
                        config = arg.substring("--config=".length());
                    } else {
                        String suggestion = Suggestions.nearest(arg, List.of("-r", "-rx", "-c", "--config", "-s"))
                                .map(s -> "; did you mean " + s + "?").orElse("");
                        throw new CommandLineException("unexpected argument '" + arg + "'" + suggestion
                                + " (put the command in quotes after -rx)");
                    }
                }
            }
        }
        if (!console) {
            throw new CommandLineException(command != null ? "-x needs -r: use -rx \"COMMAND\", e.g. " + EXAMPLE
                    : "say what to do: -rx \"COMMAND\" runs one command, -r opens the console, e.g. " + EXAMPLE);
        }
        if ((config == null) == (socket == null)) {
            throw new CommandLineException((config == null ? "give the configuration file with -c FILE"
                    : "give either -c FILE or -s SOCKET, not both") + ", e.g. " + EXAMPLE);
        }
        if (command != null && command.isBlank()) {
            throw new CommandLineException("-rx needs a command, e.g. " + EXAMPLE);
        }
        String problem = command == null ? null : AdminProtocol.requestProblem(command);
        if (problem != null) {
            throw new CommandLineException("-rx: " + problem);
        }
        try {
            return new Request(config == null ? null : Path.of(config), socket == null ? null : Path.of(socket),
                    command == null, command);
        } catch (InvalidPathException e) {
            throw new CommandLineException("'" + e.getInput() + "' is not a usable path: " + e.getReason());
        }
    }

    private static String value(List<String> args, int index, String option, String what) throws CommandLineException {
        if (index >= args.size() || args.get(index).isEmpty()) {
            throw new CommandLineException(option + " needs " + what + " after it, e.g. " + EXAMPLE);
        }
        return args.get(index);
    }
}
