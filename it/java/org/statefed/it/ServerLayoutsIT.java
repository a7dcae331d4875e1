package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.xdata.FormField;
import org.junit.jupiter.params.ParameterizedTest;
import org.jxmpp.jid.parts.Resourcepart;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;
import org.statefed.xmpp.NodeSubscription;
import org.statefed.xmpp.SiteConnection;

/**
 * The layouts of issue 13 on each packaged server: three sites converge, every watched node is seen as
 * receiving by 'jabber show subscriptions', and a restarted site resyncs. PEP needs no PubSub admin rights,
 * so its sites are not PubSub admins here.
 */
class ServerLayoutsIT {
    private static final Duration CONVERGE = Duration.ofSeconds(20);

    static Stream<Arguments> serversAndLayouts() {
        return XmppServers.kinds().stream().flatMap(kind -> Stream.of(PubsubLayout.PER_SITE, PubsubLayout.PEP)
                .map(layout -> Arguments.of(kind, layout)));
    }

    private static XmppServer startServer(String kind, PubsubLayout layout) {
        List<String> admins = layout == PubsubLayout.PEP ? List.of("nobody") : List.of("site1", "site2", "site3");
        ServerOptions options = new ServerOptions(admins, false, 10_000);
        return XmppServers.start(kind, options);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndLayouts")
    void threeSitesConvergeEveryWatchedNodeReceivesAndARestartedSiteResyncs(String kind, PubsubLayout layout)
            throws Exception {
        try (XmppServer server = startServer(kind, layout); Cluster cluster = new Cluster(server, layout, 3, Map.of())) {
            cluster.startAll();
            cluster.awaitReady(CONVERGE);
            Await.until(CONVERGE, () -> cluster.nodes().stream().flatMap(n -> n.sites().stream())
                    .allMatch(s -> s.subscriptions().stream().allMatch(NodeSubscription::receiving)),
                    () -> "subscriptions " + cluster.nodes().stream().flatMap(n -> n.sites().stream())
                            .map(SiteConnection::subscriptions).toList());

            StatefedNode a = cluster.node("site1");
            long start = System.nanoTime();
            a.changeDeviceState("SIP/100", DeviceState.INUSE);
            cluster.node("site3").updateMailbox("1000@default", 2, 1);
            Await.until(CONVERGE, () -> cluster.nodes().stream().allMatch(n ->
                    n.devices().aggregate("SIP/100") == DeviceState.INUSE
                            && n.mailboxes().effective("1000@default").equals(Optional.of(new MwiCounts(2, 1)))),
                    () -> "aggregates " + cluster.nodes().stream().map(n -> n.devices().aggregate("SIP/100")
                            + "/" + n.mailboxes().effective("1000@default") + " " + n.counters().snapshot()).toList());
            System.out.printf("[%s %s] a change converged on three sites in %d ms%n", kind, layout,
                    Await.since(start).toMillis());
            if (layout == PubsubLayout.PEP) {
                assertEveryoneIsDeliveredToWhateverPresenceTheServerSaw(server, "site1");
            }

            cluster.stop("site2");
            a.changeDeviceState("SIP/101", DeviceState.BUSY);
            StatefedNode restarted = cluster.start("site2");
            Duration resync = Await.until(CONVERGE, () -> restarted.aggregates().equals(a.aggregates())
                    && restarted.mailboxes().effective("1000@default").equals(Optional.of(new MwiCounts(2, 1))),
                    () -> "restarted " + restarted.aggregates() + " vs " + a.aggregates());
            assertThat(restarted.aggregates()).containsEntry("SIP/101", DeviceState.BUSY);
            System.out.printf("[%s %s] restarted site resynced in %d ms%n", kind, layout, resync.toMillis());
        }
    }

    /**
     * ejabberd's PEP nodes deliver only to subscribers with a session on the same server unless
     * {@code presence_based_delivery} is off: a buddy on a federated server then depends on its caps alone.
     * Read back as the owner from a second resource: statefed must have turned it off where the server has it.
     */
    private static void assertEveryoneIsDeliveredToWhateverPresenceTheServerSaw(XmppServer server, String site)
            throws Exception {
        XMPPTCPConnection owner = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain()).setHost(server.host()).setPort(server.clientPort())
                .setUsernameAndPassword(site, Cluster.PASSWORD).setResource(Resourcepart.from("check"))
                .setSecurityMode(SecurityMode.disabled).build());
        owner.connect().login();
        try {
            PubSubManager pep = PubSubManager.getInstanceFor(owner, owner.getUser().asBareJid());
            for (String node : List.of("device_state", "message_waiting")) {
                Optional<FormField> field = Optional.ofNullable(pep.getNode(node).getNodeConfiguration()
                        .getField("pubsub#presence_based_delivery"));
                if (server.kind().equals("ejabberd")) {
                    assertThat(field).as("ejabberd reports presence_based_delivery of " + node).isPresent();
                }
                field.ifPresent(f -> assertThat(f.getFirstValue()).as(node).isIn("0", "false"));
            }
        } finally {
            owner.disconnect();
        }
    }

    /**
     * A site whose only buddy has not started yet is connected but receives nothing: its subscriptions say
     * why (the buddy's nodes are not there), and they turn to subscribed once the buddy has started.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndLayouts")
    void subscriptionsSayWhyNothingIsReceivedUntilTheBuddyIsThere(String kind, PubsubLayout layout) {
        try (XmppServer server = startServer(kind, layout); Cluster cluster = new Cluster(server, layout, 2, Map.of())) {
            cluster.start("site1");
            cluster.awaitReady(CONVERGE);
            SiteConnection alone = cluster.node("site1").sites().get(0);
            // Per-site: the buddy's nodes do not exist. PEP: ejabberd says the same; prosody refuses with
            // forbidden, as the buddy's account has not granted its presence yet.
            String why = layout == PubsubLayout.PEP && kind.equals("prosody") ? "forbidden" : "item-not-found";
            assertThat(alone.subscriptions()).hasSize(2).allSatisfy(s -> {
                assertThat(s.receiving()).as(s.toString()).isFalse();
                assertThat(s.detail()).as(s.toString()).isEqualTo(why);
            });

            cluster.start("site2");
            cluster.awaitReady(CONVERGE);
            Await.until(CONVERGE, () -> alone.subscriptions().stream().allMatch(NodeSubscription::receiving),
                    () -> "site1's subscriptions " + alone.subscriptions());
        }
    }
}
