package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.config.PubsubLayout;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.ExtensionState;
import org.statefed.state.MwiCounts;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.PropagationDelays;

/**
 * Three statefed sites on one real server (prosody and ejabberd), in both PubSub layouts: changes,
 * aggregation, hints, MWI, a restarted site's resync, and a storm of changes.
 */
class FederationIT {
    private static final Duration CONVERGE = Duration.ofSeconds(20);
    /** Generous for 10 000 changes on a loaded 2-core machine; the wait itself is the assertion. */
    private static final Duration STORM_DEADLINE = Duration.ofSeconds(60);
    private static final Map<String, String> HINTS = Map.of("1234@test", "SIP/100&Custom:desk");

    static Stream<Arguments> serversAndLayouts() {
        return XmppServers.kinds().stream().flatMap(kind -> Stream.of(PubsubLayout.values())
                .map(layout -> Arguments.of(kind, layout)));
    }

    private static XmppServer startServer(String kind) {
        ServerOptions options = new ServerOptions(List.of("site1", "site2", "site3"), false, 10_000);
        return kind.equals("prosody") ? XmppServers.prosody(options) : XmppServers.ejabberd(options);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndLayouts")
    void changesAggregateHintsAndMwiFollowAcrossSitesAndARestartedSiteResyncs(String kind, PubsubLayout layout) {
        try (XmppServer server = startServer(kind); Cluster cluster = new Cluster(server, layout, 3, HINTS)) {
            cluster.startAll();
            cluster.awaitReady(CONVERGE);
            StatefedNode a = cluster.node("site1");
            StatefedNode b = cluster.node("site2");

            a.changeDeviceState("SIP/100", DeviceState.INUSE);
            awaitAggregate(cluster, "SIP/100", DeviceState.INUSE);

            a.changeDeviceState("SIP/100", DeviceState.BUSY);
            b.changeDeviceState("SIP/100", DeviceState.RINGING);
            awaitAggregate(cluster, "SIP/100", DeviceState.RINGINUSE);
            Await.until(CONVERGE, () -> cluster.nodes().stream()
                    .allMatch(n -> n.hints().state("1234@test").orElse(null) == ExtensionState.INUSE_RINGING),
                    () -> "hint states " + cluster.nodes().stream().map(n -> n.hints().state("1234@test")).toList());

            b.updateMailbox("1000@default", 3, 5);
            Await.until(CONVERGE, () -> cluster.nodes().stream().allMatch(n ->
                    n.mailboxes().effective("1000@default").equals(Optional.of(new MwiCounts(3, 5)))),
                    () -> "mailboxes " + cluster.nodes().stream().map(n -> n.mailboxes().effective("1000@default")).toList());
            if (layout != PubsubLayout.ASTERISK) {
                // The server passed statefed's sf:published attribute through: site 2 measured site 1's items.
                // (In the shared layout a server need not name the publisher, and then nothing is measured.)
                PropagationDelays delays = b.counters().propagation();
                assertThat(delays.count(PropagationDelays.Outcome.RECORDED) + delays.count(PropagationDelays.Outcome.CLAMPED))
                        .as("propagation outcomes at site 2 on %s: %s", kind, delays.snapshot()).isPositive();
                assertThat(delays.count(PropagationDelays.Outcome.UNREADABLE)).isZero();
            }

            // site3 goes away and comes back with empty tables: it must learn everything without a new change.
            Map<String, DeviceState> before = a.aggregates();
            cluster.stop("site3");
            a.changeDeviceState("Custom:desk", DeviceState.ONHOLD);
            awaitAggregateOn(List.of(a, b), "Custom:desk", DeviceState.ONHOLD);
            long skippedBefore = a.counters().get(Counters.Counter.REFRESH_SKIPPED)
                    + b.counters().get(Counters.Counter.REFRESH_SKIPPED);
            StatefedNode restarted = cluster.start("site3");
            Duration resync = Await.until(CONVERGE, () -> restarted.aggregates().equals(a.aggregates())
                    && restarted.mailboxes().effective("1000@default").equals(Optional.of(new MwiCounts(3, 5))),
                    () -> "restarted " + restarted.aggregates() + " vs " + a.aggregates());
            assertThat(restarted.aggregates()).containsAllEntriesOf(before.entrySet().stream()
                    .filter(e -> !e.getKey().equals("Custom:desk"))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            assertThat(restarted.devices().snapshot("SIP/100").orElseThrow().entries()).hasSize(2);
            if (layout == PubsubLayout.PER_SITE) {
                // Each site's own node holds all its items, so site3 already has everything after its
                // resync and both peers answer its refresh request without republishing.
                Await.until(CONVERGE, () -> a.counters().get(Counters.Counter.REFRESH_SKIPPED)
                        + b.counters().get(Counters.Counter.REFRESH_SKIPPED) >= skippedBefore + 2,
                        () -> "refresh skips: " + a.counters().snapshot() + " / " + b.counters().snapshot());
            }
            System.out.printf("[%s %s] restarted site resynced in %d ms%n", kind, layout, resync.toMillis());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("serversAndLayouts")
    void stormOfTenThousandChangesConvergesOnFinalValues(String kind, PubsubLayout layout) {
        int devices = 1000;
        int rounds = 10;
        DeviceState[] cycle = {DeviceState.INUSE, DeviceState.RINGING, DeviceState.NOT_INUSE, DeviceState.BUSY,
            DeviceState.ONHOLD, DeviceState.UNAVAILABLE};
        try (XmppServer server = startServer(kind); Cluster cluster = new Cluster(server, layout, 3, Map.of())) {
            cluster.startAll();
            cluster.awaitReady(CONVERGE);
            StatefedNode a = cluster.node("site1");
            Map<String, DeviceState> finals = new HashMap<>();
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (int d = 0; d < devices; d++) {
                    DeviceState s = cycle[(d + r) % cycle.length];
                    a.changeDeviceState("PJSIP/" + d, s);
                    finals.put("PJSIP/" + d, s);
                }
            }
            List<StatefedNode> others = List.of(cluster.node("site2"), cluster.node("site3"));
            Await.until(STORM_DEADLINE, () -> others.stream().allMatch(n -> {
                Map<String, DeviceState> seen = n.aggregates();
                return finals.entrySet().stream().allMatch(e -> e.getValue() == seen.get(e.getKey()));
            }), () -> others.stream().map(n -> {
                // Which devices, and what they hold instead: a lost final value and a slow one look alike.
                Map<String, DeviceState> seen = n.aggregates();
                List<String> wrong = finals.entrySet().stream().filter(e -> e.getValue() != seen.get(e.getKey()))
                        .map(e -> e.getKey() + "=" + seen.get(e.getKey()) + " (final " + e.getValue() + ")").toList();
                return wrong.size() + " wrong: " + wrong.stream().limit(5).toList();
            }).toList().toString());
            long sent = a.counters().get(Counters.Counter.PUBLISH_SENT);
            System.out.printf("[%s %s] storm %d x %d converged in %d ms (%d publishes sent, %d coalesced)%n", kind,
                    layout, devices, rounds, Duration.ofNanos(System.nanoTime() - start).toMillis(), sent,
                    a.counters().get(Counters.Counter.PUBLISH_COALESCED));
            // Coalescing: a device's newer state replaces an older one not yet sent.
            assertThat(sent).isLessThan((long) devices * rounds);
        }
    }

    static Stream<PubsubLayout> layouts() {
        return Stream.of(PubsubLayout.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void restartedSiteGetsEveryDeviceEvenWhenTheServerKeepsOnlyTwentyItemsPerNode(PubsubLayout layout) {
        // prosody's default: at most 20 items per node, whatever the node configuration asks for.
        ServerOptions options = new ServerOptions(List.of("site1", "site2", "site3"), false, 20);
        try (XmppServer server = XmppServers.prosody(options); Cluster cluster = new Cluster(server, layout, 3, Map.of())) {
            cluster.startAll();
            cluster.awaitReady(CONVERGE);
            StatefedNode a = cluster.node("site1");
            StatefedNode b = cluster.node("site2");
            for (int d = 0; d < 100; d++) {
                a.changeDeviceState("PJSIP/a" + d, d % 2 == 0 ? DeviceState.INUSE : DeviceState.RINGING);
                b.changeDeviceState("PJSIP/b" + d, DeviceState.BUSY);
            }
            Await.until(CONVERGE, () -> cluster.node("site3").aggregates().size() == 200,
                    () -> "site3 has " + cluster.node("site3").aggregates().size() + " devices");
            cluster.stop("site3");
            long skippedBefore = a.counters().get(Counters.Counter.REFRESH_SKIPPED)
                    + b.counters().get(Counters.Counter.REFRESH_SKIPPED);
            StatefedNode restarted = cluster.start("site3");
            Duration took = Await.until(CONVERGE, () -> restarted.aggregates().equals(a.aggregates()),
                    () -> "restarted site3 has " + restarted.aggregates().size() + " of " + a.aggregates().size()
                            + "; counters site1 " + a.counters().snapshot() + ", site2 " + b.counters().snapshot()
                            + ", site3 " + restarted.counters().snapshot());
            System.out.printf("[prosody max_items=20 %s] 200 devices resynced in %d ms%n", layout, took.toMillis());
        }
    }

    private static void awaitAggregate(Cluster cluster, String device, DeviceState expected) {
        awaitAggregateOn(cluster.nodes(), device, expected);
    }

    private static void awaitAggregateOn(List<StatefedNode> nodes, String device, DeviceState expected) {
        Await.until(CONVERGE, () -> nodes.stream().allMatch(n -> n.devices().aggregate(device) == expected),
                () -> device + " aggregates " + nodes.stream().map(n -> n.devices().aggregate(device)).toList());
    }
}
