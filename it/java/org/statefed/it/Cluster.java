package org.statefed.it;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.statefed.it.fixture.XmppServer;
import org.statefed.state.EntityId;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.SiteConnection;

/** N statefed sites on one real XMPP server, each a buddy of all others; started and stopped by tests. */
final class Cluster implements AutoCloseable {
    static final String PASSWORD = "s3cret-pw";

    private final XmppServer server;
    private final PubsubLayout layout;
    private final Map<String, String> hints;
    private final List<String> names = new ArrayList<>();
    private final Map<String, StatefedNode> nodes = new LinkedHashMap<>();

    Cluster(XmppServer server, PubsubLayout layout, int sites, Map<String, String> hints) {
        this.server = server;
        this.layout = layout;
        this.hints = hints;
        for (int i = 1; i <= sites; i++) {
            String name = "site" + i;
            names.add(name);
            server.createAccount(name, PASSWORD);
        }
    }

    static EntityId eidOf(int index) {
        return EntityId.parse(String.format("00:11:22:33:44:%02x", index));
    }

    StatefedConfig configOf(String name) {
        int index = names.indexOf(name) + 1;
        try {
            EntityBareJid jid = JidCreate.entityBareFrom(name + "@" + server.domain());
            List<EntityBareJid> buddies = new ArrayList<>();
            for (String other : names) {
                if (!other.equals(name)) {
                    buddies.add(JidCreate.entityBareFrom(other + "@" + server.domain()));
                }
            }
            ClientConfig client = new ClientConfig("asterisk", ClientType.CLIENT, server.host(), server.clientPort(),
                    server.pubsubService(), jid, Optional.of(Resourcepart.from("statefed")), PASSWORD, 1, true,
                    PresenceStatus.AVAILABLE, "statefed " + name, false, true, false, true, Duration.ofSeconds(10),
                    "default", false, buddies, Optional.empty());
            GeneralConfig general = new GeneralConfig(false, false, true, false, true, AuthPolicy.ACCEPT,
                    eidOf(index), false, Path.of("/nonexistent/statefed-" + name + ".sock"), layout,
                    Duration.ofSeconds(30));
            return new StatefedConfig(Path.of(name + ".conf"), general, List.of(client), hints, List.of());
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

    List<StatefedNode> nodes() {
        return List.copyOf(nodes.values());
    }

    void stop(String name) {
        StatefedNode node = nodes.remove(name);
        if (node != null) {
            node.stop(Duration.ofSeconds(5));
        }
    }

    /** Every site connected and through its session set-up. */
    void awaitReady(Duration timeout) {
        Await.until(timeout, () -> nodes.values().stream().allMatch(n -> n.sites().stream()
                .allMatch(s -> s.linkState() == LinkState.CONNECTED && s.completedSetups() > 0)),
                () -> describeLinks());
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

    @Override
    public void close() {
        for (String name : List.copyOf(nodes.keySet())) {
            stop(name);
        }
    }
}
