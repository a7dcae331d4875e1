package org.statefed.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.statefed.config.ConfigException;
import org.statefed.config.ConfigReader;
import org.statefed.config.StatefedConfig;
import org.statefed.corosync.CorosyncLink;
import org.statefed.demo.server.DirectoryTree;
import org.statefed.demo.server.ManagedProsody;
import org.statefed.demo.server.ManagedServer;
import org.statefed.demo.server.ManagedServerException;
import org.statefed.demo.server.PubsubOptions;
import org.statefed.node.Link;
import org.statefed.node.LinkStatus;
import org.statefed.node.StatefedNode;

/**
 * The demo's cluster: a private Prosody and the three {@link DemoSite}s as in-process nodes, each started from
 * a generated {@code jabber.conf} in a temporary directory. {@link #close()} stops the nodes, then Prosody, and
 * deletes the configurations.
 */
final class DemoCluster implements AutoCloseable {
    private static final Duration NODE_STOP = Duration.ofSeconds(5);
    private static final long POLL_NANOS = 1_000_000;
    /** What statefed asks for when it creates a node; a server allowing less makes it retry with fewer options. */
    private static final int MAX_ITEMS = 10_000;

    private final ManagedProsody server;
    private final Path workDir;
    private final Map<DemoSite, Path> configs = new LinkedHashMap<>();
    private final Map<DemoSite, StatefedNode> nodes = new LinkedHashMap<>();

    private final Optional<String> lanGroup;

    private DemoCluster(ManagedProsody server, Path workDir, Optional<String> lanGroup) {
        this.server = server;
        this.workDir = workDir;
        this.lanGroup = lanGroup;
    }

    /**
     * Starts Prosody, writes and checks every site's configuration and starts the nodes (not yet connected).
     *
     * @throws DemoException when Prosody does not start, with the tail of its logs
     */
    static DemoCluster start() {
        return start(Optional.empty());
    }

    /**
     * The same, and with {@code lanGroup} site A bridges a Corosync LAN: a {@code type = corosync} section in
     * its configuration, joining that CPG group of the private corosync.
     */
    static DemoCluster start(Optional<String> lanGroup) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("statefed-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the demo", e);
        }
        List<String> accounts = DemoSite.ALL.stream().map(DemoSite::account).toList();
        ManagedProsody server;
        try {
            server = ManagedServer.launch(new ManagedProsody(new PubsubOptions(accounts, false, MAX_ITEMS), "warn"));
        } catch (ManagedServerException e) {
            DirectoryTree.delete(workDir);
            throw new DemoException("the private prosody did not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            DirectoryTree.delete(workDir);
            throw e;
        }
        DemoCluster cluster = new DemoCluster(server, workDir, lanGroup);
        try {
            for (DemoSite site : DemoSite.ALL) {
                cluster.startSite(site);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startSite(DemoSite site) {
        String secret = HexFormat.of().formatHex(randomBytes());
        server.createAccount(site.account(), secret);
        Path config = writeConfig(site, secret);
        StatefedConfig parsed;
        try {
            parsed = new ConfigReader().read(config);
        } catch (ConfigException e) {
            throw new IllegalStateException("the demo wrote an invalid " + config + ": " + e.getMessage(), e);
        }
        List<Link> lanLinks = parsed.corosyncLinks().stream().<Link>map(CorosyncLink::new).toList();
        StatefedNode node = new StatefedNode(parsed, Clock.systemUTC(), Optional.empty(), lanLinks);
        configs.put(site, config);
        nodes.put(site, node);
        node.start();
    }

    private Path writeConfig(DemoSite site, String secret) {
        String lan = site.equals(DemoSite.ALL.get(0)) ? lanGroup.map(SiteConfigText::corosyncSection).orElse("") : "";
        String text = SiteConfigText.render(site, server.host(), server.clientPort(), server.domain(),
                server.pubsubService(), secret, lan);
        try {
            Path dir = Files.createDirectory(workDir.resolve(site.account()));
            return Files.writeString(dir.resolve("jabber.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration of " + site.title(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * Waits until every site is connected and through its session set-up.
     *
     * @return how long that took from now
     * @throws DemoException when that takes longer than {@code timeout}, naming the sites that are not there
     */
    Duration awaitReady(Duration timeout) {
        long start = System.nanoTime();
        while (!notReady().isEmpty()) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new DemoException("not every site connected within " + timeout.toSeconds() + " s: "
                        + String.join(", ", notReady()) + " (prosody's log: " + server.logDir() + ")");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private List<String> notReady() {
        List<String> waiting = new ArrayList<>();
        nodes.forEach((site, node) -> {
            for (LinkStatus link : node.linkStatuses()) {
                if (!link.ready()) {
                    waiting.add(site.title() + " " + link.state());
                }
            }
        });
        return waiting;
    }

    /** The running node of {@code site}. */
    StatefedNode node(DemoSite site) {
        return nodes.get(site);
    }

    /** Where the cluster keeps its generated files (logs of the LAN members go here too). */
    Path workDir() {
        return workDir;
    }

    /** Where {@code site}'s configuration is. */
    Path config(DemoSite site) {
        return configs.get(site);
    }

    /** The private Prosody. */
    ManagedServer server() {
        return server;
    }

    /** Stops every node, then Prosody, then deletes the generated configurations; each step guarded. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (StatefedNode node : nodes.values()) {
            try {
                node.stop(NODE_STOP);
            } catch (RuntimeException e) {
                failure = chain(failure, e);
            }
        }
        try {
            server.close();
        } catch (RuntimeException e) {
            failure = chain(failure, e);
        }
        try {
            DirectoryTree.delete(workDir);
        } catch (RuntimeException e) {
            failure = chain(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException chain(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
