package org.statefed.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.admin.AdminSocketException;
import org.statefed.admin.AdminSocketServer;
import org.statefed.admin.CommandRegistry;
import org.statefed.config.ConfigError;
import org.statefed.config.ConfigException;
import org.statefed.config.ConfigReader;
import org.statefed.config.StatefedConfig;
import org.statefed.node.Link;
import org.statefed.node.StatefedNode;
import org.statefed.store.StateStore;
import org.statefed.store.StateStoreException;
import org.statefed.web.WebServer;
import org.statefed.web.WebServerException;

/**
 * {@code statefed run -c FILE}: runs a node in the foreground until SIGTERM or SIGINT, logging to
 * stderr, then shuts down within 5 s (flushes pending publishes, says unavailable, disconnects).
 */
public final class RunCommand implements Subcommand {
    static final String EXAMPLE = "statefed run -c /etc/asterisk/jabber.conf";
    private static final Duration SHUTDOWN = Duration.ofSeconds(5);
    private static final List<String> LEVEL_FLAGS = List.of("-q", "-v", "-vv");

    private final ConfigReader reader;

    public RunCommand(ConfigReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String arguments() {
        return "-c FILE [-q|-v|-vv]";
    }

    @Override
    public String summary() {
        return "Run a statefed node in the foreground until stopped (SIGTERM or Ctrl-C).";
    }

    @Override
    public String help() {
        return """
                Usage: statefed run -c FILE [-q|-v|-vv]

                Logs every client section with distribute_events=yes into its XMPP server, shares
                this site's device states and MWI with its buddies over PubSub and keeps the
                cluster-wide aggregate. Runs in the foreground and logs to stderr; SIGTERM or Ctrl-C
                stop it within 5 seconds (pending publishes are flushed first).

                Serves the admin commands on the Unix socket admin_socket (owner only), for
                statefed -c FILE -r (console) and -rx "COMMAND". A second node with the same
                admin_socket refuses to start.

                Options:
                  -c, --config FILE   The configuration file (check it first with check-config).
                  -q                  Log warnings and errors only.
                  -v                  Log debug lines too (also: debug=yes in [general]).
                  -vv                 Log everything, including Smack's internals.
                  -h, --help          Show this help and exit.

                Keeps what it knows (every site's device states and mailbox counts) in state_file
                and restores it at the next start, before connecting; a file that cannot be read is
                moved aside (ERROR in the log) and the node starts from empty.

                With http_bind set, serves the HTTP API, the live lamp board and /metrics there
                (see docs/http.md).

                Exit status: 0 stopped by a signal, 1 another node runs on the admin socket (or it
                cannot be created), state_file cannot be used (its directory is not writable,
                another process has it) or http_bind cannot be bound, 2 the configuration has errors, 64 the command line is wrong.

                Example:
                  %s
                """.formatted(EXAMPLE);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws CommandLineException {
        // First of all: a SIGTERM from here on is a request to stop cleanly (exit 0, socket removed),
        // however early it comes; before, the JVM died with 143 and left the socket file behind.
        StopSignals stop = StopSignals.install();
        CommandOptions options = CommandOptions.parse(args, "statefed run", LEVEL_FLAGS, EXAMPLE);
        StatefedConfig config;
        try {
            config = reader.read(options.configFile());
        } catch (ConfigException e) {
            e.errors().stream().map(ConfigError::format).forEach(err::println);
            err.println(e.summary());
            return ExitCodes.CONFIG_ERROR;
        }
        configureLogging(options, config.general().debug());
        Logger log = LoggerFactory.getLogger(RunCommand.class);
        config.notices().forEach(n -> log.info("{}: {}", options.configFile(), n));
        if (config.distributingClients().isEmpty()) {
            err.println(options.configFile() + ": no client section has distribute_events=yes, so this node would "
                    + "share nothing; set distribute_events=yes in the section of the account to use");
            return ExitCodes.CONFIG_ERROR;
        }
        if (stop.requested()) {
            log.info("statefed stopped before it started (signal received)");
            return ExitCodes.OK;
        }
        AdminSocketServer admin;
        try {
            admin = AdminSocketServer.bind(config.general().adminSocket());
        } catch (AdminSocketException e) {
            err.println("statefed run: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Clock clock = Clock.systemUTC();
        StateStore store;
        try {
            store = StateStore.open(config.general().stateFile(), clock);
        } catch (StateStoreException e) {
            admin.close();
            err.println("statefed run: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        AtomicReference<StatefedNode> built = new AtomicReference<>();
        AtomicReference<WebServer> webServer = new AtomicReference<>();
        // TERM and INT end stop.await() below, so the node stops on this thread; the hook covers every
        // other way the JVM may end, from the moment the socket exists.
        Thread hook = new Thread(() -> {
            WebServer server = webServer.get();
            if (server != null) {
                server.stop();
            }
            StatefedNode node = built.get();
            if (node != null) {
                node.stop(SHUTDOWN);
            } else {
                store.close();
            }
            admin.close();
        }, "statefed-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StatefedNode node;
        try {
            node = new StatefedNode(config, clock, Optional.of(store), LanLinks.of(config));
        } catch (RuntimeException e) {
            store.close();
            admin.close();
            throw e;
        }
        built.set(node);
        admin.serve(CommandRegistry.standard(new NodeAdminView(node, clock)));
        Optional<WebServer> web = Optional.empty();
        if (config.general().http().enabled()) {
            try {
                web = Optional.of(new WebServer(new NodeWebView(node, clock), config.general().http()));
                web.get().start();
            } catch (WebServerException e) {
                err.println("statefed run: " + e.getMessage());
                node.stop(SHUTDOWN);
                admin.close();
                return ExitCodes.FAILURE;
            }
        }
        webServer.set(web.orElse(null));
        if (!stop.requested()) {
            node.start();
            log.info("statefed {} running: entity id {}, layout {}, {} account(s), {} Corosync link(s), {} SIP"
                    + " publication peer(s); stop with Ctrl-C or SIGTERM", Version.current(),
                    config.general().entityId(), config.general().pubsubLayout().keyword(),
                    config.distributingClients().size(), config.corosyncLinks().size(),
                    config.sipPublications().size());
        }
        stop.await();
        log.info("statefed stopping");
        web.ifPresent(WebServer::stop);
        node.stop(SHUTDOWN);
        admin.close();
        log.info("statefed stopped");
        return ExitCodes.OK;
    }

    /** Runs before the first logger is made (see {@link StderrLogging}). */
    private static void configureLogging(CommandOptions options, boolean debugKey) {
        String level = options.last(LEVEL_FLAGS).map(flag -> switch (flag) {
            case "-q" -> "warn";
            case "-vv" -> "trace";
            default -> "debug";
        }).orElse(debugKey ? "debug" : "info");
        // Libraries (Smack) stay at info unless -q or -vv: their debug lines are noise to an operator.
        StderrLogging.configure(level.equals("warn") || level.equals("trace") ? level : "info", level, true);
    }
}
