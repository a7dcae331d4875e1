package org.statefed.it;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.statefed.config.AuthPolicy;
import org.statefed.config.ClientConfig;
import org.statefed.config.ClientType;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PresenceStatus;
import org.statefed.config.PubsubLayout;
import org.statefed.config.StatefedConfig;
import org.statefed.it.fixture.XmppServer;
import org.statefed.node.Link;
import org.statefed.node.LinkStatus;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.store.StateStore;
import org.statefed.store.StateStoreException;

/**
 * N statefed sites (in-process nodes) on one real XMPP server, each a buddy of all others; started and
 * stopped by tests. Sites are named site1, site2 …, with entity ids 00:11:22:33:44:01, :02 ….
 */
public class Cluster implements AutoCloseable {
    public static final String PASSWORD = "s3cret-pw";

    private final XmppServer server;
    private final PubsubLayout layout;
    private final Map<String, String> hints;
    private final List<String> names = new ArrayList<>();
    private final Map<String, EntityId> eids = new LinkedHashMap<>();
    private final Map<String, StatefedNode> nodes = new LinkedHashMap<>();
    private final List<String> extraBuddies = new ArrayList<>();
    private final Map<String, Supplier<List<Link>>> otherLinks = new LinkedHashMap<>();
    private Duration staleTimeout = Duration.ofSeconds(30);
    private Duration heartbeatInterval = GeneralConfig.DEFAULT_HEARTBEAT_INTERVAL;
    private ToIntFunction<String> portOf;
    /** Whether site {@code a} lists site {@code b} as a buddy; by default every other site. */
    private java.util.function.BiPredicate<String, String> buddyOf = (a, b) -> true;
    private java.util.function.Function<String, List<org.statefed.config.ServerAddress>> alternatesOf = name -> List.of();
    private boolean useTls;
    private Optional<Path> tlsCaFile = Optional.empty();
    private Optional<Path> stateDir = Optional.empty();

    public Cluster(XmppServer server, PubsubLayout layout, int sites, Map<String, String> hints) {
        this(server, layout, "site", 1, sites, hints);
    }

    /**
     * Sites {@code prefix + first} … {@code prefix + (first + sites - 1)}, entity ids numbered alike: several
     * clusters on one server in different layouts (their accounts and node names do not meet).
     */
    public Cluster(XmppServer server, PubsubLayout layout, String prefix, int first, int sites, Map<String, String> hints) {
        this.server = server;
        this.layout = layout;
        this.hints = hints;
        this.portOf = name -> server.clientPort();
        for (int i = first; i < first + sites; i++) {
            String name = prefix + i;
            names.add(name);
            eids.put(name, EntityId.parse(String.format("00:11:22:33:44:%02x", i)));
            server.createAccount(name, PASSWORD);
        }
    }

    /** How long sites keep a vanished buddy's states (config {@code stale_timeout}); before starting. */
    public Cluster withStaleTimeout(Duration timeout) {
        this.staleTimeout = timeout;
        return this;
    }

    /** How often sites ping their buddies and server (config {@code heartbeat_interval}); before starting. */
    public Cluster withHeartbeatInterval(Duration interval) {
        this.heartbeatInterval = interval;
        return this;
    }

    /** Longest time a silent buddy or server takes to count as gone, from the configured heartbeat. */
    public Duration heartbeatDetection() {
        return GeneralConfig.heartbeatDetection(heartbeatInterval);
    }

    public Duration staleTimeout() {
        return staleTimeout;
    }

    /**
     * Each site keeps its state in {@code dir/NAME.db} across {@link #stop}/{@link #start} (config
     * {@code state_file}); before starting.
     */
    public Cluster withStateDir(Path dir) {
        this.stateDir = Optional.of(dir);
        return this;
    }

    /** Site {@code name}'s state file (config {@code state_file}). */
    public Path stateFileOf(String name) {
        return stateDir.orElse(Path.of("/nonexistent")).resolve(name + ".db");
    }

    /** Further addresses each site may connect to (config {@code alternate_server}); before starting. */
    public Cluster withAlternateServers(java.util.function.Function<String, List<org.statefed.config.ServerAddress>> of) {
        this.alternatesOf = of;
        return this;
    }

    /** Sites require STARTTLS, trusting the system store plus {@code caFile} if given; before starting. */
    public Cluster withTls(Optional<Path> caFile) {
        this.useTls = true;
        this.tlsCaFile = caFile;
        return this;
    }

    /**
     * Which other sites each site lists as buddies (the benchmark's star: one site hears all others, they
     * hear only it); before starting. By default every site is a buddy of every other.
     */
    public Cluster withBuddies(java.util.function.BiPredicate<String, String> buddyOf) {
        this.buddyOf = buddyOf;
        return this;
    }

    /** Which port each site connects to (e.g. its own proxy in front of the server); before starting. */
    public Cluster withPortOf(ToIntFunction<String> ports) {
        this.portOf = ports;
        return this;
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    public XmppServer server() {
        return server;
    }

    /** Site {@code name} gets these links besides its XMPP account at each start (a bridge); before starting. */
    public Cluster withLinks(String name, Supplier<List<Link>> links) {
        otherLinks.put(name, links);
        return this;
    }

    /** Adds an account every site lists as a buddy but that runs no statefed (a raw client in a test). */
    public void addBuddyAccount(String localpart, String password) {
        server.createAccount(localpart, password);
        extraBuddies.add(localpart);
    }

    /** Makes {@code name} use another entity id from its next start (a misconfigured site). */
    public void useEntityId(String name, EntityId eid) {
        eids.put(name, eid);
    }

    public EntityId eidOf(String name) {
        return eids.get(name);
    }

    public static EntityBareJid jid(String localpart, XmppServer server) {
        try {
            return JidCreate.entityBareFrom(localpart + "@" + server.domain());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public StatefedConfig configOf(String name) {
        try {
            List<EntityBareJid> buddies = new ArrayList<>();
            for (String other : names) {
                if (!other.equals(name) && buddyOf.test(name, other)) {
                    buddies.add(jid(other, server));
                }
            }
            extraBuddies.forEach(extra -> buddies.add(jid(extra, server)));
            ClientConfig client = new ClientConfig("asterisk", ClientType.CLIENT, server.host(), portOf.applyAsInt(name),
                    server.pubsubService(), jid(name, server), Optional.of(Resourcepart.from("statefed")), PASSWORD, 1,
                    true, PresenceStatus.AVAILABLE, "statefed " + name, useTls, true, false, true,
                    Duration.ofSeconds(10), "default", false, buddies, tlsCaFile, alternatesOf.apply(name));
            GeneralConfig general = new GeneralConfig(false, false, true, false, true, AuthPolicy.ACCEPT,
                    eids.get(name), false, Path.of("/nonexistent/statefed-" + name + ".sock"), layout, staleTimeout,
                    heartbeatInterval, stateFileOf(name), GeneralConfig.DEFAULT_MAX_DEVICES_PER_SITE,
                    GeneralConfig.DEFAULT_MAX_MAILBOXES_PER_SITE);
            return new StatefedConfig(Path.of(name + ".conf"), general, List.of(client), hints, List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A jabber.conf for site {@code name} run as a separate {@code bin/statefed run} process (resource
     * {@code proc}), buddy of every other site, in this cluster's layout and TLS settings; its state file is
     * the cluster's ({@link #withStateDir}), else {@code NAME.db} next to the file.
     *
     * @param hints lines of a {@code [hints]} section, or none
     */
    public String jabberConf(String name, EntityId eid, String adminSocket, List<String> hints) {
        StringBuilder text = new StringBuilder("""
                [general]
                entityid = %s
                admin_socket = %s
                pubsub_layout = %s
                stale_timeout = %d
                heartbeat_interval = %d
                state_file = %s

                """.formatted(eid, adminSocket, layout.keyword(), staleTimeout.toSeconds(),
                        heartbeatInterval.toSeconds(), stateDir.isPresent() ? stateFileOf(name) : name + ".db"));
        if (!hints.isEmpty()) {
            text.append("[hints]\n");
            hints.forEach(h -> text.append(h).append('\n'));
            text.append('\n');
        }
        text.append("""
                [asterisk]
                type = client
                serverhost = %s
                port = %d
                username = %s/proc
                secret = %s
                pubsub_node = %s
                distribute_events = yes
                usetls = %s
                """.formatted(server.host(), portOf.applyAsInt(name), jid(name, server), PASSWORD,
                server.pubsubService(), useTls ? "yes" : "no"));
        tlsCaFile.ifPresent(file -> text.append("tls_ca_file = ").append(file).append('\n'));
        names.stream().filter(other -> !other.equals(name))
                .forEach(other -> text.append("buddy = ").append(jid(other, server)).append('\n'));
        extraBuddies.forEach(extra -> text.append("buddy = ").append(jid(extra, server)).append('\n'));
        return text.toString();
    }

    /**
     * Builds site {@code name}'s node without starting it: with a state directory it has already restored
     * its state file, so a test can look at the tables before the node connects.
     */
    public StatefedNode create(String name) {
        Optional<StateStore> store = Optional.empty();
        if (stateDir.isPresent()) {
            try {
                store = Optional.of(StateStore.open(stateFileOf(name), Clock.systemUTC()));
            } catch (StateStoreException e) {
                throw new IllegalStateException(e);
            }
        }
        List<Link> links = otherLinks.getOrDefault(name, List::of).get();
        StatefedNode node = new StatefedNode(configOf(name), Clock.systemUTC(), store, links);
        nodes.put(name, node);
        return node;
    }

    public StatefedNode start(String name) {
        StatefedNode node = create(name);
        node.start();
        return node;
    }

    public void startAll() {
        names.forEach(this::start);
    }

    public StatefedNode node(String name) {
        return nodes.get(name);
    }

    public List<StatefedNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The running nodes other than {@code name}. */
    public List<StatefedNode> othersThan(String name) {
        return nodes.entrySet().stream().filter(e -> !e.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    /** Stops a site cleanly (it says goodbye). */
    public void stop(String name) {
        StatefedNode node = nodes.remove(name);
        if (node != null) {
            node.stop(Duration.ofSeconds(5));
        }
    }

    /** Forgets a site's node after stopping it within {@code timeout}, for crash simulations. */
    protected void discard(String name, Duration timeout) {
        StatefedNode node = nodes.remove(name);
        if (node != null) {
            node.stop(timeout);
        }
    }

    /** Every running site's every link joined and resynced (XMPP: connected and through its session set-up). */
    public void awaitReady(Duration timeout) {
        Await.until(timeout, () -> nodes.values().stream().allMatch(StatefedNode::ready), this::describeLinks);
    }

    /** Every running site connected and through more set-ups than {@code before} recorded. */
    public void awaitSetups(Duration timeout, Map<String, Integer> before) {
        Await.until(timeout, () -> nodes.entrySet().stream().allMatch(e -> e.getValue().ready()
                && e.getValue().sites().stream().allMatch(s -> s.completedSetups() > before.getOrDefault(e.getKey(), 0))),
                this::describeLinks);
    }

    public Map<String, Integer> setups() {
        Map<String, Integer> out = new LinkedHashMap<>();
        nodes.forEach((name, node) -> out.put(name, node.sites().get(0).completedSetups()));
        return out;
    }

    public String describeLinks() {
        StringBuilder sb = new StringBuilder();
        nodes.forEach((name, node) -> {
            for (LinkStatus s : node.linkStatuses()) {
                sb.append(name).append('.').append(s.name()).append('=').append(s.state()).append(s.ready() ? "/ready" : "")
                        .append(' ');
            }
        });
        return sb.toString();
    }

    /** Waits until every node in {@code on} sees {@code expected} as the aggregates of these devices. */
    public static Duration awaitAggregates(Duration timeout, List<StatefedNode> on, Map<String, DeviceState> expected) {
        Predicate<StatefedNode> matches = n -> expected.entrySet().stream()
                .allMatch(e -> n.devices().aggregate(e.getKey()) == e.getValue());
        return Await.until(timeout, () -> on.stream().allMatch(matches), () -> "expected " + expected + ", seen "
                + on.stream().map(n -> n.entityId() + "=" + expected.keySet().stream()
                        .map(d -> d + ":" + n.devices().aggregate(d)).toList()).toList());
    }

    @Override
    public void close() {
        for (String name : List.copyOf(nodes.keySet())) {
            stop(name);
        }
    }
}
