package org.statefed.demo;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.statefed.admin.AdminSocketException;
import org.statefed.admin.AdminSocketServer;
import org.statefed.admin.CommandRegistry;
import org.statefed.demo.lan.CorosyncUnavailableException;
import org.statefed.demo.lan.LanMemberProcess;
import org.statefed.demo.lan.PrivateCorosync;
import org.statefed.node.StatefedNode;
import org.statefed.state.EntityId;
import org.statefed.web.WebServer;
import org.statefed.web.WebServerException;

/**
 * {@code statefed demo}: a whole cluster on one machine. Starts a private Prosody (installing it when missing
 * and possible) and three sites with generated configurations, plays {@link DemoScenario}, prints each site's
 * tables as they converge, and stops everything again, or keeps it running until asked to stop.
 */
public final class Demo {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(10);
    /** res_corosync's own group name: the private ring has nobody else on it. */
    private static final String LAN_GROUP = "asterisk";
    /** A child JVM start on a loaded 2-core machine; the CPG join itself is the ring's membership deadline. */
    private static final Duration MEMBER_START = Duration.ofSeconds(30);

    private final PrintStream out;
    private final Function<StatefedNode, CommandRegistry> consoles;
    private final Function<StatefedNode, Optional<WebServer>> boards;

    /** A demo without boards. */
    public Demo(PrintStream out, Function<StatefedNode, CommandRegistry> consoles) {
        this(out, consoles, node -> Optional.empty());
    }

    /**
     * @param out where the demo tells its story
     * @param consoles the admin commands of a node: the demo shows each site through them, and serves them
     *     on each site's admin socket while it keeps running
     * @param boards the HTTP server of a node (its lamp board, API and metrics), not started, if its configuration
     *     has one; started for each site while the cluster keeps running
     */
    public Demo(PrintStream out, Function<StatefedNode, CommandRegistry> consoles,
            Function<StatefedNode, Optional<WebServer>> boards) {
        this.out = Objects.requireNonNull(out, "out");
        this.consoles = Objects.requireNonNull(consoles, "consoles");
        this.boards = Objects.requireNonNull(boards, "boards");
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
        return run(keepUntilStopped, true);
    }

    /**
     * Runs the demo.
     *
     * @param keepUntilStopped as {@link #run(Runnable)}
     * @param lan whether site A bridges a Corosync LAN of two simulated Asterisk servers, where a private
     *     corosync can start; when it cannot, the demo says why in one line and runs without it
     * @return whether every site (and LAN member) showed every change in time
     */
    public boolean run(Runnable keepUntilStopped, boolean lan) {
        ProsodyInstallation.ofThisMachine().ensureInstalled(out);
        Optional<PrivateCorosync> corosync = lan ? startCorosync() : Optional.empty();
        boolean converged;
        try {
            converged = runCluster(keepUntilStopped, corosync);
        } finally {
            corosync.ifPresent(PrivateCorosync::close);
        }
        out.println("Stopped; nothing is left running.");
        return converged;
    }

    private Optional<PrivateCorosync> startCorosync() {
        out.println("Starting a private corosync for site A's LAN...");
        try {
            PrivateCorosync corosync = PrivateCorosync.start(out);
            out.printf("corosync runs (pid %d): a single-node ring on 127.0.0.1, its config and state in %s%n",
                    corosync.pid(), corosync.directory());
            return Optional.of(corosync);
        } catch (CorosyncUnavailableException e) {
            out.println("No LAN at site A: " + e.getMessage() + "; the demo runs without it.");
            return Optional.empty();
        }
    }

    private boolean runCluster(Runnable keepUntilStopped, Optional<PrivateCorosync> corosync) {
        out.println(corosync.isPresent()
                ? "Starting a private prosody and three statefed sites (A, B, C) on this machine; site A bridges"
                        + " CPG group '" + LAN_GROUP + "'..."
                : "Starting a private prosody and three statefed sites (A, B, C) on this machine...");
        boolean converged;
        try (DemoCluster cluster = DemoCluster.start(corosync.map(c -> LAN_GROUP))) {
            out.printf("prosody listens on %s:%d (pid %d); PubSub service %s%n", cluster.server().host(),
                    cluster.server().clientPort(), cluster.server().pid().orElse(-1), cluster.server().pubsubService());
            Duration ready = cluster.awaitReady(READY_TIMEOUT);
            out.printf(Locale.ROOT, "All three sites connected and subscribed in %d ms.%n", ready.toMillis());
            converged = new DemoScenario(cluster, consoles, out, STEP_DEADLINE).play();
            if (corosync.isPresent()) {
                converged &= playLan(cluster, corosync.get());
            }
            out.println();
            out.println(converged ? "Every site showed every change."
                    : "Some sites did not show a change in time; run 'statefed demo -v' to see the nodes' logs.");
            if (keepUntilStopped != null) {
                List<AdminSocketServer> sockets = openAdminSockets(cluster);
                Map<DemoSite, WebServer> web = startBoards(cluster);
                try {
                    printWhereToReach(cluster, web, corosync);
                    keepUntilStopped.run();
                } finally {
                    web.values().forEach(WebServer::stop);
                    sockets.forEach(AdminSocketServer::close);
                }
            }
            out.println(corosync.isPresent() ? "Stopping the sites, prosody and corosync..."
                    : "Stopping the sites and prosody...");
        }
        return converged;
    }

    /**
     * Starts the two simulated Asterisk servers of site A's LAN and plays the LAN steps; the members are gone
     * when it returns (the first leaves in the last step, the second is stopped after it).
     */
    private boolean playLan(DemoCluster cluster, PrivateCorosync corosync) {
        out.printf("%nStarting two simulated Asterisk servers on site A's LAN: raw CPG clients speaking"
                + " res_corosync's bytes, each its own process...%n");
        List<LanMemberProcess> members = new ArrayList<>();
        try {
            for (int i = 1; i <= 2; i++) {
                String name = "pbx-a" + i;
                LanMemberProcess member = LanMemberProcess.join(name,
                        EntityId.parse(String.format(Locale.ROOT, "00:00:5e:00:53:a%d", i)), LAN_GROUP,
                        cluster.workDir().resolve(name + ".log"), MEMBER_START.plus(corosync.membershipDeadline()));
                members.add(member);
                out.printf("%s (pid %d, entity id %s) joined CPG group '%s'%n", name, member.pid(), member.eid(),
                        LAN_GROUP);
            }
            return new LanScenario(new ClusterLanSites(cluster, consoles), List.copyOf(members), LAN_GROUP,
                    ProcessHandle.current().pid(), out, STEP_DEADLINE).play();
        } catch (IllegalStateException e) {
            out.println("The LAN's members did not start: " + e.getMessage());
            return false;
        } finally {
            members.forEach(LanMemberProcess::close);
        }
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

    private Map<DemoSite, WebServer> startBoards(DemoCluster cluster) {
        Map<DemoSite, WebServer> started = new LinkedHashMap<>();
        for (DemoSite site : DemoSite.ALL) {
            Optional<WebServer> server = boards.apply(cluster.node(site));
            if (server.isEmpty()) {
                continue;
            }
            try {
                server.get().start();
                started.put(site, server.get());
            } catch (WebServerException e) {
                out.printf("%s: no board: %s%n", site.title(), e.getMessage());
            }
        }
        return started;
    }

    private void printWhereToReach(DemoCluster cluster, Map<DemoSite, WebServer> web,
            Optional<PrivateCorosync> corosync) {
        out.println();
        out.println("The cluster keeps running. Each site:");
        for (DemoSite site : DemoSite.ALL) {
            Path config = cluster.config(site);
            Path socket = cluster.node(site).config().general().adminSocket();
            out.printf("  %s  config %s%n", site.title(), config);
            if (web.containsKey(site)) {
                out.printf("          board   %s%n", web.get(site).uri());
            }
            out.printf("          admin socket %s%s%n", socket, Files.exists(socket) ? "" : " (not open)");
            out.printf("          console: bin/statefed -c %s -r%n", config);
            out.printf("          check:   bin/statefed check-config -c %s%n", config);
        }
        corosync.ifPresent(daemon -> out.printf("  site A's LAN: corosync pid %d in %s, CPG group '%s' (the simulated"
                + " servers have stopped); bin/statefed -c %s -rx 'corosync show members'%n", daemon.pid(),
                daemon.directory(), LAN_GROUP, cluster.config(DemoSite.ALL.get(0))));
        out.printf("  prosody logs in %s%n", cluster.server().logDir());
        out.println("Press Ctrl-C to stop everything.");
    }

}
