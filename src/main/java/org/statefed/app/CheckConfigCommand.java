package org.statefed.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.statefed.config.ConfigError;
import org.statefed.config.ConfigException;
import org.statefed.config.ConfigPrinter;
import org.statefed.config.ConfigReader;
import org.statefed.config.StatefedConfig;
import org.statefed.store.StateFileCheck;

/**
 * {@code statefed check-config -c FILE}: reads the file and either prints the effective
 * configuration with its notices (exit 0) or every error, one per line (exit 2).
 */
public final class CheckConfigCommand implements Subcommand {
    static final String EXAMPLE = "statefed check-config -c /etc/asterisk/jabber.conf";

    private final ConfigReader reader;

    public CheckConfigCommand(ConfigReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public String name() {
        return "check-config";
    }

    @Override
    public String arguments() {
        return "-c FILE";
    }

    @Override
    public String summary() {
        return "Check a jabber.conf and show the configuration statefed would use.";
    }

    @Override
    public String help() {
        return """
                Usage: statefed check-config -c FILE

                Reads FILE, an Asterisk jabber.conf or xmpp.conf with statefed's additions, and
                checks every setting. If the file is valid, prints the configuration statefed would
                use: every value, defaults included, with secrets shown as ***, followed by notices
                (settings statefed ignores, a derived entity id, unencrypted connections). If not,
                prints every mistake at once, one per line:

                  jabber.conf:14: [asterisk] port = 99999: must be a whole number from 1 to 65535

                Options:
                  -c, --config FILE   The configuration file to check (required).
                  -h, --help          Show this help and exit.

                It also checks that state_file can be written by the user running the check (run it
                as the user statefed runs as).

                Exit status: 0 the file is valid, 2 it has errors or cannot be read,
                64 the command line is wrong.

                Example:
                  %s
                """.formatted(EXAMPLE);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws CommandLineException {
        Path file = CommandOptions.parse(args, "statefed check-config", List.of(), EXAMPLE).configFile();
        StatefedConfig config;
        try {
            config = reader.read(file);
        } catch (ConfigException e) {
            e.errors().stream().map(ConfigError::format).forEach(err::println);
            err.println(e.summary());
            return ExitCodes.CONFIG_ERROR;
        }
        Optional<String> stateFileProblem = StateFileCheck.problemWith(config.general().stateFile());
        if (stateFileProblem.isPresent()) {
            err.println(file + ": [general] state_file = " + config.general().stateFile() + ": "
                    + stateFileProblem.get());
            err.println("1 error in " + file + "; statefed will not start until it is fixed.");
            return ExitCodes.CONFIG_ERROR;
        }
        out.println("; Configuration statefed would use, read from " + file + ":");
        out.println("; every value, defaults included; secrets are shown as ***.");
        out.println();
        out.print(ConfigPrinter.print(config));
        if (!config.notices().isEmpty()) {
            out.println();
            out.println("; " + plural(config.notices().size(), "notice") + ":");
            config.notices().forEach(n -> out.println("; " + n));
        }
        out.println();
        out.println("; " + file + " is valid: " + plural(config.clients().size(), "client")
                + " (" + config.distributingClients().size() + " sharing events), "
                + (config.sipPublications().isEmpty() ? ""
                        : plural(config.sipPublications().size(), "SIP publication peer") + ", ")
                + plural(config.hints().size(), "hint") + ", " + plural(config.notices().size(), "notice") + ".");
        return ExitCodes.OK;
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
