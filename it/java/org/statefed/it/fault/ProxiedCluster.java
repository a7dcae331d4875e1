package org.statefed.it.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.statefed.app.StatefedNode;
import org.statefed.config.AuthPolicy;
import org.statefed.config.ClientConfig;
import org.statefed.config.ClientType;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PresenceStatus;
import org.statefed.config.PubsubLayout;
import org.statefed.config.StatefedConfig;
import org.statefed.it.Await;
import org.statefed.it.fixture.XmppServer;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.SiteConnection;

/**
 * N statefed sites on one real XMPP server, each a buddy of all others and each connected through its
 * own {@link TcpProxy}, so a test can slow, cut and heal one site's link, or the server's for all.
 */
final class ProxiedCluster implements AutoCloseable {
    static final String PASSWORD = "s3cret-pw";

    private final XmppServer server;
    private final PubsubLayout layout;
    private final Duration staleTimeout;
    private final List<String> names = new ArrayList<>();
    private final Map<String, TcpProxy> proxies = new LinkedHashMap<>();
    private final Map<String, EntityId> eids = new LinkedHashMap<>();
    private final Map<String, StatefedNode> nodes = new LinkedHashMap<>();
    private final List<String> extraBuddies = new ArrayList<>();

    ProxiedCluster(XmppServer server, PubsubLayout layout, int sites, Duration staleTimeout) throws IOException {
        this.server = server;
        this.layout = layout;
        this.staleTimeout = staleTimeout;
        for (int i = 1; i <= sites; i++) {
            String name = "site" + i;
            names.add(name);
            eids.put(name, EntityId.parse(String.format("00:11:22:33:44:%02x", i)));
            server.createAccount(name, PASSWORD);
            proxies.put(name, new TcpProxy(server.host(), server.clientPort()));
        }
    }

    /** Adds an account every site lists as a buddy but that runs no statefed (a raw client in a test). */
    void addBuddyAccount(String localpart, String password) {
        server.createAccount(localpart, password);
        extraBuddies.add(localpart);
    }

    /** Makes {@code name} use another entity id from its next start (a misconfigured site). */
    void useEntityId(String name, EntityId eid) {
        eids.put(name, eid);
    }

    EntityId eidOf(String name) {
        return eids.get(name);
    }

    static EntityBareJid jid(String localpart, XmppServer server) {
        try {
            return JidCreate.entityBareFrom(localpart + "@" + server.domain());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    StatefedConfig configOf(String name) {
        try {
            List<EntityBareJid> buddies = new ArrayList<>();
            for (String other : names) {
                if (!other.equals(name)) {
                    buddies.add(jid(other, server));
                }
            }
            extraBuddies.forEach(extra -> buddies.add(jid(extra, server)));
            ClientConfig client = new ClientConfig("asterisk", ClientType.CLIENT, server.host(), proxies.get(name).port(),
                    server.pubsubService(), jid(name, server), Optional.of(Resourcepart.from("statefed")), PASSWORD, 1,
                    true, PresenceStatus.AVAILABLE, "statefed " + name, false, true, false, true,
                    Duration.ofSeconds(10), "default", false, buddies, Optional.empty());
            GeneralConfig general = new GeneralConfig(false, false, true, false, true, AuthPolicy.ACCEPT,
                    eids.get(name), false, Path.of("/nonexistent/statefed-" + name + ".sock"), layout, staleTimeout);
            return new StatefedConfig(Path.of(name + ".conf"), general, List.of(client), Map.of(), List.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    StatefedNode start(String name) {
        StatefedNode node = new StatefedNode(configOf(name), Clock.systemUTC());
        nodes.put(name, node);
        node.start();
        return node;
    }

    void startAll() {
        names.forEach(this::start);
    }

    StatefedNode node(String name) {
        return nodes.get(name);
    }

    TcpProxy proxy(String name) {
        return proxies.get(name);
    }

    List<StatefedNode> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The running nodes other than {@code name}. */
    List<StatefedNode> othersThan(String name) {
        return nodes.entrySet().stream().filter(e -> !e.getKey().equals(name)).map(Map.Entry::getValue).toList();
    }

    /** Stops a site cleanly (it says goodbye). */
    void stop(String name) {
        StatefedNode node = nodes.remove(name);
        if (node != null) {
            node.stop(Duration.ofSeconds(5));
        }
    }

    /**
     * A site dies without a goodbye, as with {@code kill -9}: its link is cut first (the server sees the
     * TCP connection drop, exactly what a killed process's socket does), then the node is discarded.
     */
    void crash(String name) {
        proxies.get(name).cut();
        StatefedNode node = nodes.remove(name);
        if (node != null) {
            node.stop(Duration.ofMillis(100));
        }
        proxies.get(name).heal();
    }

    /** Every running site connected and through its session set-up at least {@code setups} times. */
    void awaitReady(Duration timeout) {
        awaitSetups(timeout, Map.of());
    }

    /** Every running site connected and through more set-ups than {@code before} recorded. */
    void awaitSetups(Duration timeout, Map<String, Integer> before) {
        Await.until(timeout, () -> nodes.entrySet().stream().allMatch(e -> e.getValue().sites().stream()
                .allMatch(s -> s.linkState() == LinkState.CONNECTED
                        && s.completedSetups() > before.getOrDefault(e.getKey(), 0))), this::describeLinks);
    }

    Map<String, Integer> setups() {
        Map<String, Integer> out = new LinkedHashMap<>();
        nodes.forEach((name, node) -> out.put(name, node.sites().get(0).completedSetups()));
        return out;
    }

    String describeLinks() {
        StringBuilder sb = new StringBuilder();
        nodes.forEach((name, node) -> {
            for (SiteConnection s : node.sites()) {
                sb.append(name).append('=').append(s.linkState()).append('/').append(s.completedSetups()).append(' ');
            }
        });
        return sb.toString();
    }

    /** Waits until every node in {@code on} sees {@code expected} as the aggregates of these devices. */
    static Duration awaitAggregates(Duration timeout, List<StatefedNode> on, Map<String, DeviceState> expected) {
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
        proxies.values().forEach(TcpProxy::close);
    }
}
