package org.statefed.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import org.statefed.admin.AdminSocketException;
import org.statefed.admin.AdminSocketServer;
import org.statefed.admin.CommandRegistry;
import org.statefed.node.StatefedNode;

/**
 * {@code statefed demo}: a whole cluster on one machine. Starts a private Prosody (installing it when missing
 * and possible) and three sites with generated configurations, plays {@link DemoScenario}, prints each site's
 * tables as they converge, and stops everything again, or keeps it running until asked to stop.
 */
public final class Demo {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(10);

    private final PrintStream out;
    private final Function<StatefedNode, CommandRegistry> consoles;

    /**
     * @param out where the demo tells its story
     * @param consoles the admin commands of a node: the demo shows each site through them, and serves them
     *     on each site's admin socket while it keeps running
     */
    public Demo(PrintStream out, Function<StatefedNode, CommandRegistry> consoles) {
        this.out = Objects.requireNonNull(out, "out");
        this.consoles = Objects.requireNonNull(consoles, "consoles");
    }

    /**
     * Runs the demo.
     *
     * @param keepUntilStopped with the cluster still running after the script, prints how to reach each site
     *                         and runs this (which returns when the user asks to stop); {@code null} to stop at
     *                         once
     * @return whether every site showed every step's change in time
     * @throws DemoException when Prosody is missing and cannot be installed, or the cluster does not come up
     */
    public boolean run(Runnable keepUntilStopped) {
        ProsodyInstallation.ofThisMachine().ensureInstalled(out);
        out.println("Starting a private prosody and three statefed sites (A, B, C) on this machine...");
        boolean converged;
        try (DemoCluster cluster = DemoCluster.start()) {
            out.printf("prosody listens on %s:%d (pid %d); PubSub service %s%n", cluster.server().host(),
                    cluster.server().clientPort(), cluster.server().pid().orElse(-1), cluster.server().pubsubService());
            Duration ready = cluster.awaitReady(READY_TIMEOUT);
            out.printf(Locale.ROOT, "All three sites connected and subscribed in %d ms.%n", ready.toMillis());
            converged = new DemoScenario(cluster, consoles, out, STEP_DEADLINE).play();
            out.println();
            out.println(converged ? "Every site showed every change."
                    : "Some sites did not show a change in time; run 'statefed demo -v' to see the nodes' logs.");
            if (keepUntilStopped != null) {
                List<AdminSocketServer> sockets = openAdminSockets(cluster);
                try {
                    printWhereToReach(cluster);
                    keepUntilStopped.run();
                } finally {
                    sockets.forEach(AdminSocketServer::close);
                }
            }
            out.println("Stopping the sites and prosody...");
        }
        out.println("Stopped; nothing is left running.");
        return converged;
    }

    private List<AdminSocketServer> openAdminSockets(DemoCluster cluster) {
        List<AdminSocketServer> sockets = new ArrayList<>();
        for (DemoSite site : DemoSite.ALL) {
            StatefedNode node = cluster.node(site);
            try {
                sockets.add(AdminSocketServer.start(node.config().general().adminSocket(), consoles.apply(node)));
            } catch (AdminSocketException e) {
                out.printf("%s: no admin socket: %s%n", site.title(), e.getMessage());
            }
        }
        return sockets;
    }

    private void printWhereToReach(DemoCluster cluster) {
        out.println();
        out.println("The cluster keeps running. Each site:");
        for (DemoSite site : DemoSite.ALL) {
            Path config = cluster.config(site);
            Path socket = cluster.node(site).config().general().adminSocket();
            out.printf("  %s  config %s%n", site.title(), config);
            out.printf("          admin socket %s%s%n", socket, Files.exists(socket) ? "" : " (not open)");
            out.printf("          console: bin/statefed -c %s -r%n", config);
            out.printf("          check:   bin/statefed check-config -c %s%n", config);
        }
        out.printf("  prosody logs in %s%n", cluster.server().logDir());
        out.println("Press Ctrl-C to stop everything.");
    }

}
