package org.statefed.app;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.statefed.config.ConfigReader;
import org.statefed.config.Suggestions;

/**
 * Parses the command line and dispatches to a {@link Subcommand}. Prints usage for {@code --help},
 * the version for {@code --version}, and a usage error (exit 64) with a "did you mean" for anything
 * it does not know.
 */
public final class Cli {
    private static final Set<String> HELP = Set.of("-h", "--help");
    private static final Set<String> VERSION = Set.of("-V", "--version");
    private static final List<String> OPTIONS = List.of("--help", "--version", "-h", "-V", "-r", "-rx");

    private final String version;
    private final Map<String, Subcommand> commands = new LinkedHashMap<>();
    private final RemoteConsole console;

    /**
     * @param version printed by {@code --version}
     * @param commands the subcommands, in the order {@code --help} lists them
     */
    public Cli(String version, List<Subcommand> commands) {
        this(version, commands, new ConfigReader());
    }

    /** @param reader reads the file {@code -c FILE -rx} names, to find its admin socket */
    Cli(String version, List<Subcommand> commands, ConfigReader reader) {
        this.version = version;
        this.console = new RemoteConsole(reader);
        commands.forEach(c -> this.commands.put(c.name(), c));
    }

    /** The real command line: the version from the build, the real configuration reader. */
    public static Cli standard() {
        return new Cli(Version.current(), List.of(new CheckConfigCommand(new ConfigReader()), new RunCommand(new ConfigReader()), new DemoCommand()));
    }

    /**
     * Runs {@code args}; the interactive console ({@code -r}) reads standard input.
     *
     * @return the exit status, see {@link ExitCodes}
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /**
     * Runs {@code args}, the interactive console reading {@code in}.
     *
     * @return the exit status, see {@link ExitCodes}
     */
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usageError(err, "no command given");
        }
        String first = args[0];
        List<String> rest = List.of(args).subList(1, args.length);
        if (HELP.contains(first)) {
            out.print(usage());
            return ExitCodes.OK;
        }
        if (VERSION.contains(first)) {
            if (!rest.isEmpty()) {
                return usageError(err, first + " takes no arguments, but got '" + rest.get(0) + "'");
            }
            out.println("statefed " + version);
            return ExitCodes.OK;
        }
        if (RemoteConsole.isRequested(first)) {
            try {
                return console.run(List.of(args), in, out, err);
            } catch (CommandLineException e) {
                err.println("statefed: " + e.getMessage());
                err.println();
                err.print(RemoteConsole.usage());
                return ExitCodes.USAGE;
            }
        }
        Subcommand command = commands.get(first);
        if (command == null) {
            String what = first.startsWith("-") ? "unknown option '" : "unknown command '";
            return usageError(err, what + first + "'" + didYouMean(first));
        }
        if (rest.stream().anyMatch(HELP::contains)) {
            out.print(command.help());
            return ExitCodes.OK;
        }
        try {
            return command.run(rest, out, err);
        } catch (CommandLineException e) {
            err.println("statefed " + command.name() + ": " + e.getMessage());
            err.println("Usage: statefed " + command.name() + " " + command.arguments());
            err.println("Run 'statefed " + command.name() + " --help' for details.");
            return ExitCodes.USAGE;
        }
    }

    private String didYouMean(String typed) {
        List<String> known = new ArrayList<>(commands.keySet());
        known.addAll(OPTIONS);
        return Suggestions.nearest(typed, known).map(s -> "; did you mean " + s + "?").orElse("");
    }

    private int usageError(PrintStream err, String message) {
        err.println("statefed: " + message);
        err.println();
        err.print(usage());
        return ExitCodes.USAGE;
    }

    /** The text of {@code statefed --help}. */
    String usage() {
        List<String[]> rows = new ArrayList<>();
        commands.values().forEach(c -> rows.add(new String[] {c.name() + " " + c.arguments(), c.summary()}));
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        width = Math.max(width, "-V, --version".length());
        StringBuilder text = new StringBuilder()
                .append("Usage: statefed COMMAND [ARGUMENTS]\n")
                .append("       statefed -c FILE -rx \"COMMAND\" | -r\n")
                .append("       statefed --help | --version\n")
                .append('\n')
                .append("statefed shares Asterisk device state and MWI between sites over XMPP PubSub,\n")
                .append("wire-compatible with Asterisk's res_xmpp. It reads Asterisk's jabber.conf.\n")
                .append('\n')
                .append("Commands:\n");
        for (String[] row : rows) {
            text.append(String.format("  %-" + width + "s   %s%n", row[0], row[1]));
        }
        text.append('\n')
                .append("Options:\n")
                .append(String.format("  %-" + width + "s   %s%n", "-h, --help", "Show this help and exit."))
                .append(String.format("  %-" + width + "s   %s%n", "-V, --version", "Show the version and exit."))
                .append('\n')
                .append("Remote console (the node started with the same FILE must be running):\n")
                .append(String.format("  %-" + width + "s   %s%n", "-c FILE -rx \"COMMAND\"",
                        "Run one admin command in the node, e.g. -rx \"core show hints\"."))
                .append(String.format("  %-" + width + "s   %s%n", "-c FILE -r",
                        "Open the admin console (history; 'help', 'exit')."))
                .append('\n')
                .append("Run 'statefed COMMAND --help' for the details of a command, e.g.\n")
                .append("  statefed check-config --help\n");
        return text.toString();
    }
}
