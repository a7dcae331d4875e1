package org.statefed.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.statefed.admin.CommandRegistry;
import org.statefed.config.Suggestions;
import org.statefed.demo.Demo;
import org.statefed.demo.DemoException;
import org.statefed.web.WebServer;

/**
 * {@code statefed demo [--keep] [-v]}: a private XMPP server and three sites on this machine, a short scripted
 * scenario and each site's tables as they converge; see {@link Demo}.
 */
public final class DemoCommand implements Subcommand {
    /** A step did not converge in time, or the demo could not run. */
    static final int FAILED = 1;
    private static final List<String> FLAGS = List.of("--keep", "--no-lan", "-v");

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String arguments() {
        return "[--keep] [--no-lan] [-v]";
    }

    @Override
    public String summary() {
        return "Show a three-site cluster on this machine, with a private XMPP server.";
    }

    @Override
    public String help() {
        return """
                Usage: statefed demo [--keep] [--no-lan] [-v]

                Starts a private prosody (installed first when missing, if run as root from a
                source checkout) on a free loopback port and three statefed sites, A, B and C,
                with generated jabber.conf files. Then a call for alice rings at site A and is
                answered, carol at site C is busy, voicemail arrives for 1000@demo, and the call
                ends. After each step it prints how long every site took to see the change and
                each site's 'core show hints' and 'devstate list'.

                Where corosync is installed (Debian package corosync) and no other corosync
                runs, site A also bridges a LAN: a private corosync (a single-node ring on
                127.0.0.1) and two simulated Asterisk servers, pbx-a1 and pbx-a2, each a
                raw CPG client speaking res_corosync's bytes. pbx-a1 reports a device, seen
                at B and C under its entity id; B's change reaches both servers as
                res_corosync bytes (printed decoded); pbx-a1 leaves and every site drops its
                states after stale_timeout. Without corosync the demo says so in one line
                and runs without the LAN. Then it stops everything.

                Options:
                  --keep      Keep the cluster running after the script and print where each
                              site's configuration, admin socket and lamp board (a web page
                              on a loopback port) are; Ctrl-C stops it.
                  --no-lan    Leave out site A's Corosync LAN even where corosync is here.
                  -v          Show the nodes' log lines (info and above) on stderr.
                  -h, --help  Show this help and exit.

                Exit status: 0 every site saw every change, 1 the demo could not run or a
                change did not reach every site within 10 s, 64 the command line is wrong.
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws CommandLineException {
        for (String arg : args) {
            if (!FLAGS.contains(arg)) {
                String suggestion = Suggestions.nearest(arg, FLAGS).map(s -> "; did you mean " + s + "?").orElse("");
                throw new CommandLineException("unknown argument '" + arg + "'" + suggestion);
            }
        }
        configureLogging(args.contains("-v"));
        try {
            Demo demo = new Demo(out, node -> CommandRegistry.standard(new NodeAdminView(node, Clock.systemUTC())),
                    node -> node.config().general().http().enabled()
                            ? Optional.of(new WebServer(new NodeWebView(node, Clock.systemUTC()),
                                    node.config().general().http()))
                            : Optional.empty());
            boolean converged = demo.run(args.contains("--keep") ? StopSignals.install()::await : null,
                    !args.contains("--no-lan"));
            return converged ? ExitCodes.OK : FAILED;
        } catch (DemoException e) {
            err.println("statefed demo: " + e.getMessage());
            return FAILED;
        }
    }

    /** The story goes to stdout; the nodes' logs would drown it, so only errors unless -v. */
    private static void configureLogging(boolean verbose) {
        String level = verbose ? "info" : "error";
        StderrLogging.configure(level, level, false);
    }
}
