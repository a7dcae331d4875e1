package org.statefed.app;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.statefed.config.Suggestions;

/**
 * The options a subcommand was given: {@code -c FILE} (also {@code --config FILE} and
 * {@code --config=FILE}) plus the command's own flags, with the precise complaints a new user needs.
 */
final class CommandOptions {
    private final Path configFile;
    private final List<String> flags;

    private CommandOptions(Path configFile, List<String> flags) {
        this.configFile = configFile;
        this.flags = List.copyOf(flags);
    }

    /**
     * @param command the command as typed, e.g. {@code statefed check-config}
     * @param flags the flags this command accepts besides {@code -c}, e.g. {@code -v}
     * @param example a complete example command line for error messages
     */
    static CommandOptions parse(List<String> args, String command, List<String> flags, String example)
            throws CommandLineException {
        List<String> known = new ArrayList<>(List.of("--config", "-c"));
        known.addAll(flags);
        String file = null;
        List<String> given = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value;
            if (arg.equals("-c") || arg.equals("--config")) {
                if (i + 1 >= args.size() || args.get(i + 1).isEmpty()) {
                    throw new CommandLineException(arg + " needs the configuration file after it, e.g. " + example);
                }
                value = args.get(++i);
            } else if (arg.startsWith("--config=")) {
                value = arg.substring("--config=".length());
                if (value.isEmpty()) {
                    throw new CommandLineException("--config= needs the configuration file after it, e.g. " + example);
                }
            } else if (flags.contains(arg)) {
                given.add(arg);
                continue;
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                String suggestion = Suggestions.nearest(arg.split("=", 2)[0], known)
                        .map(s -> "; did you mean " + s + "?").orElse("");
                throw new CommandLineException("unknown option '" + arg + "'" + suggestion);
            } else {
                throw new CommandLineException("unexpected argument '" + arg
                        + "'; give the configuration file with -c, e.g. " + command + " -c " + arg);
            }
            if (file != null) {
                throw new CommandLineException("the configuration file is given twice ('" + file + "' and '"
                        + value + "'); give one");
            }
            file = value;
        }
        if (file == null) {
            throw new CommandLineException("which file? Give it with -c, e.g. " + example);
        }
        try {
            return new CommandOptions(Path.of(file), given);
        } catch (InvalidPathException e) {
            throw new CommandLineException("'" + file + "' is not a usable file name (" + e.getReason() + ")");
        }
    }

    Path configFile() {
        return configFile;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    Optional<String> last(List<String> among) {
        String found = null;
        for (String f : flags) {
            if (among.contains(f)) {
                found = f;
            }
        }
        return Optional.ofNullable(found);
    }
}
