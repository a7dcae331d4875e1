package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.parts.Resourcepart;
import org.statefed.node.StatefedNode;
import org.statefed.config.AuthPolicy;
import org.statefed.config.ClientConfig;
import org.statefed.config.ClientType;
import org.statefed.config.GeneralConfig;
import org.statefed.config.PresenceStatus;
import org.statefed.config.PubsubLayout;
import org.statefed.config.StatefedConfig;
import org.statefed.it.fixture.LoopbackAddresses;
import org.statefed.it.fixture.LoopbackDns;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.NodeSubscription;
import org.statefed.xmpp.SiteConnection;

/**
 * Sites on two XMPP servers of different domains, federated by s2s (issue 13): site1 and site2 on server A
 * (prosody), site3 on server B (prosody or ejabberd), all buddies of each other, in every layout: pep (each
 * site's nodes on its own account, so nothing but s2s is shared), per-site (each site's nodes on its own
 * domain's PubSub service) and asterisk (shared nodes on one server's service). The domains are loopback
 * addresses, which both servers reach without DNS (an IP-literal domain is connected to directly, port 5269);
 * the PubSub services' names are resolved by the test itself (see {@link #federated}).
 */
class FederatedServersIT {
    private static final String PASSWORD = "s2s-secret";
    /** s2s dialback on loopback is two extra connections; 20 s is a site set-up plus that, with margin. */
    private static final Duration CONVERGE = Duration.ofSeconds(20);

    static Stream<String> otherServers() {
        return Stream.of("prosody", "ejabberd");
    }

    /** Server A is prosody; server B is {@code otherKind}. */
    @ParameterizedTest(name = "prosody and {0}")
    @MethodSource("otherServers")
    void aChangeAtASiteOnOneServerReachesSitesOnTheOtherAndBack(String otherKind) throws Exception {
        ServerOptions options = new ServerOptions(List.of("nobody"), false, 10_000);
        List<StatefedNode> nodes = new ArrayList<>();
        try (XmppServer a = XmppServers.federatedProsody(options);
                XmppServer b = otherKind.equals("prosody") ? XmppServers.federatedProsody(options)
                        : XmppServers.federatedEjabberd(options)) {
            try {
                run(a, b, nodes);
            } finally {
                // Before the servers go: a site whose server shuts down under it only logs reconnect attempts.
                nodes.forEach(n -> n.stop(Duration.ofSeconds(5)));
            }
        }
    }

    /**
     * The per-site layout across s2s: each site's nodes on the PubSub service of its own domain, buddies on the
     * other domain found by disco#items there. The services are named {@code pubsub.127.x.y.z}, which is no IP
     * literal: the test resolves them itself, for prosody with a hosts file (libunbound's hoststxt), for ejabberd
     * with a DNS responder of its own (SRV records: see {@link LoopbackDns}); nothing on the machine changes.
     */
    @ParameterizedTest(name = "prosody and {0}")
    @MethodSource("otherServers")
    void perSiteNodesStayOnEachSitesOwnServerAndCrossS2s(String otherKind, @TempDir Path dir) throws Exception {
        federated(otherKind, dir, (a, b, nodes) -> run(a, b, nodes, PubsubLayout.PER_SITE, Optional.empty()));
    }

    /**
     * The asterisk layout across s2s: every site names the same {@code pubsub_node}, on server A or B; the sites
     * of the other domain publish and subscribe there through s2s. Neither server lets accounts of another domain
     * create nodes (prosody: the component's {@code admins}; ejabberd: {@code access_createnode}, local accounts),
     * so the sites of the other domain start first: their set-up must fail naming the service's server and its
     * setting, and succeed once a site of the service's domain has created the shared nodes.
     */
    @ParameterizedTest(name = "prosody and {0}, shared nodes on {1}")
    @MethodSource("sharedServices")
    void sharedNodesOnOneServerAreUsedBySitesOfTheOtherDomainThroughS2s(String otherKind, String sharedOn,
            @TempDir Path dir) throws Exception {
        federated(otherKind, dir, (a, b, nodes) ->
                run(a, b, nodes, PubsubLayout.ASTERISK, Optional.of(sharedOn.equals("A") ? a : b)));
    }

    static Stream<Arguments> sharedServices() {
        return Stream.of(Arguments.of("prosody", "A"), Arguments.of("ejabberd", "A"), Arguments.of("ejabberd", "B"));
    }

    private interface Scenario {
        void run(XmppServer a, XmppServer b, List<StatefedNode> nodes) throws Exception;
    }

    /** Server A (prosody) and B ({@code otherKind}) on loopback addresses, each resolving both pubsub names. */
    private static void federated(String otherKind, Path dir, Scenario scenario) throws Exception {
        ServerOptions options = new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000);
        String addressA = LoopbackAddresses.freeForS2s();
        String addressB;
        do {
            addressB = LoopbackAddresses.freeForS2s();
        } while (addressB.equals(addressA));
        Map<String, String> names = Map.of("pubsub." + addressA, addressA, "pubsub." + addressB, addressB);
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, addressA + " pubsub." + addressA + "\n" + addressB + " pubsub." + addressB + "\n");
        // The servers run as their own users when the tests run as root: they must read the file.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("rw-r--r--"));
        List<StatefedNode> nodes = new ArrayList<>();
        String b = addressB;
        try (LoopbackDns dns = LoopbackDns.start(names);
                XmppServer serverA = XmppServers.federatedProsody(options, addressA, hosts);
                XmppServer serverB = otherKind.equals("prosody") ? XmppServers.federatedProsody(options, b, hosts)
                        : XmppServers.federatedEjabberd(options, b, dns.address())) {
            try {
                scenario.run(serverA, serverB, nodes);
            } finally {
                nodes.forEach(n -> n.stop(Duration.ofSeconds(5)));
            }
        }
    }

    private static void run(XmppServer a, XmppServer b, List<StatefedNode> nodes) throws Exception {
        run(a, b, nodes, PubsubLayout.PEP, Optional.empty());
    }

    /** @param sharedOn the server whose PubSub service is every site's pubsub_node (asterisk layout) */
    private static void run(XmppServer a, XmppServer b, List<StatefedNode> nodes, PubsubLayout layout,
            Optional<XmppServer> sharedOn) throws Exception {
        Map<String, XmppServer> homes = new LinkedHashMap<>();
        homes.put("site1", a);
        homes.put("site2", a);
        homes.put("site3", b);
        homes.forEach((name, server) -> server.createAccount(name, PASSWORD));
        int i = 1;
        for (String name : homes.keySet()) {
            nodes.add(new StatefedNode(config(name, i++, homes, layout,
                    sharedOn.map(XmppServer::pubsubService).orElse("")), Clock.systemUTC()));
        }
        List<StatefedNode> started = sharedOn.map(shared -> startRemoteSitesFirst(nodes, homes, shared))
                .orElse(List.of());
        nodes.stream().filter(n -> !started.contains(n)).forEach(StatefedNode::start);
        Await.until(CONVERGE, () -> sites(nodes).stream().allMatch(s -> s.linkState() == LinkState.CONNECTED
                && s.completedSetups() > 0 && s.subscriptions().stream().allMatch(NodeSubscription::receiving)),
                () -> "sites " + sites(nodes).stream().map(s -> s.displayJid() + "=" + s.linkState() + " "
                        + s.subscriptions()).toList());

        long start = System.nanoTime();
        nodes.get(0).changeDeviceState("SIP/100", DeviceState.INUSE);
        Await.until(CONVERGE, () -> nodes.get(2).devices().aggregate("SIP/100") == DeviceState.INUSE,
                () -> "site3 sees " + nodes.get(2).devices().aggregate("SIP/100"));
        Duration across = Await.since(start);

        start = System.nanoTime();
        nodes.get(2).updateMailbox("1000@default", 4, 2);
        Await.until(CONVERGE, () -> nodes.stream().allMatch(n ->
                n.mailboxes().effective("1000@default").equals(Optional.of(new MwiCounts(4, 2)))),
                () -> "mailboxes " + nodes.stream().map(n -> n.mailboxes().effective("1000@default")).toList());
        Duration back = Await.since(start);
        assertThat(nodes.get(1).devices().aggregate("SIP/100")).isEqualTo(DeviceState.INUSE);
        System.out.printf("[prosody %s <-s2s-> " + b.kind() + " %s, %s%s] site1 -> site3 in %d ms, site3 -> site1+site2 "
                + "in %d ms%n", a.domain(), b.domain(), layout, sharedOn.map(s -> " on " + s.pubsubService()).orElse(""),
                across.toMillis(), back.toMillis());
    }

    /**
     * Starts the sites whose accounts are not on the shared service's server and waits until each has failed a
     * set-up because that server would not let it create the shared nodes, with an error naming that server's
     * setting: the first run of this test saw that refusal only when such a site happened to start first.
     */
    private static List<StatefedNode> startRemoteSitesFirst(List<StatefedNode> nodes, Map<String, XmppServer> homes,
            XmppServer shared) {
        List<String> names = List.copyOf(homes.keySet());
        List<StatefedNode> started = new ArrayList<>();
        List<SiteConnection> remote = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (homes.get(names.get(i)) != shared) {
                nodes.get(i).start();
                started.add(nodes.get(i));
                remote.add(nodes.get(i).sites().get(0));
            }
        }
        // Awaited for the refusal itself: a first set-up may also fail on something passing (an s2s time-out).
        Await.until(CONVERGE, () -> remote.stream().allMatch(s -> s.lastSetupFailure()
                .filter(f -> f.contains("failed with forbidden")).isPresent()),
                () -> "set-up failures " + remote.stream().map(SiteConnection::lastSetupFailure).toList());
        String setting = shared.kind().equals("prosody") ? "admins of Component \"" + shared.pubsubService() + "\""
                : "access_createnode";
        for (SiteConnection site : remote) {
            System.out.printf("[%s, shared nodes on %s %s] refused: %s%n", site.displayJid(), shared.kind(),
                    shared.pubsubService(), site.lastSetupFailure().orElseThrow());
            assertThat(site.lastSetupFailure().orElseThrow()).contains("forbidden", shared.kind(), setting);
            assertThat(site.completedSetups()).isZero();
        }
        return started;
    }

    private static List<SiteConnection> sites(List<StatefedNode> nodes) {
        return nodes.stream().flatMap(n -> n.sites().stream()).toList();
    }

    private static EntityBareJid jid(String name, XmppServer server) {
        return org.jxmpp.jid.impl.JidCreate.entityBareFromOrThrowUnchecked(name + "@" + server.domain());
    }

    private static StatefedConfig config(String name, int number, Map<String, XmppServer> homes, PubsubLayout layout,
            String sharedService) throws Exception {
        XmppServer home = homes.get(name);
        List<EntityBareJid> buddies = new ArrayList<>();
        homes.forEach((other, server) -> {
            if (!other.equals(name)) {
                buddies.add(jid(other, server));
            }
        });
        EntityId eid = EntityId.parse(String.format("00:11:22:33:55:%02x", number));
        // PEP: no pubsub_node, as a jabber.conf without one means. Per-site: the site's own domain's service.
        // Asterisk: the one shared service, whatever the site's domain.
        String pubsubNode = switch (layout) {
            case PEP -> "";
            case PER_SITE -> home.pubsubService();
            case ASTERISK -> sharedService;
        };
        ClientConfig client = new ClientConfig("asterisk", ClientType.CLIENT, home.host(), home.clientPort(), pubsubNode,
                jid(name, home), Optional.of(Resourcepart.from("statefed")), PASSWORD, 1, true,
                PresenceStatus.AVAILABLE, "statefed " + name, false, true, false, true, Duration.ofSeconds(10),
                "default", false, buddies, Optional.empty());
        GeneralConfig general = new GeneralConfig(false, false, true, false, true, AuthPolicy.ACCEPT, eid, false,
                Path.of("/nonexistent/statefed-" + name + ".sock"), layout, Duration.ofSeconds(30),
                GeneralConfig.DEFAULT_HEARTBEAT_INTERVAL, Path.of("/nonexistent/" + name + ".db"),
                GeneralConfig.DEFAULT_MAX_DEVICES_PER_SITE, GeneralConfig.DEFAULT_MAX_MAILBOXES_PER_SITE);
        return new StatefedConfig(Path.of(name + ".conf"), general, List.of(client), Map.of(), List.of());
    }
}
