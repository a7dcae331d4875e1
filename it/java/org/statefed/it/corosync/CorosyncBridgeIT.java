package org.statefed.it.corosync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.statefed.config.CorosyncConfig;
import org.statefed.config.CorosyncEventType;
import org.statefed.config.PubsubLayout;
import org.statefed.corosync.CorosyncLink;
import org.statefed.corosync.JoinBackoff;
import org.statefed.corosync.LibCpgTransport;
import org.statefed.corosync.codec.DecodedEvent;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventDecoder;
import org.statefed.corosync.codec.EventEncoder;
import org.statefed.corosync.codec.MwiUpdate;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.admin.Statefed;
import org.statefed.it.fixture.CorosyncDaemon;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.SiteConnection;

/**
 * statefed as a bridge (issue 11): a site whose node is also a member of a res_corosync CPG group on a real
 * corosync, joined over XMPP (prosody) to a plain site. Raw CPG members in child JVMs play the Asterisk
 * servers with the bytes of the capture.
 */
class CorosyncBridgeIT {
    private static final String GROUP = "asterisk";
    private static final EntityId A1 = EntityId.parse("00:11:22:33:44:01");
    /** The plain site's entity id is a2's, so that what it publishes reaches the LAN as the capture's bytes. */
    private static final EntityId A2 = EntityId.parse("00:11:22:33:44:0a");
    private static final EntityId SECOND_BRIDGE = EntityId.parse("00:11:22:33:44:33");
    /** Not the cluster's default for site1, which is a1's. */
    private static final EntityId BRIDGE = EntityId.parse("00:11:22:33:44:b1");
    private static final JoinBackoff BACKOFF = new JoinBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));
    /** As FederationIT: a change crossing prosody between two ready sites on a loaded 2-core machine. */
    private static final Duration CONVERGE = Duration.ofSeconds(20);
    private static final long OUR_PID = ProcessHandle.current().pid();

    @TempDir
    Path temp;
    private CorosyncDaemon daemon;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    @BeforeEach
    void startCorosync() {
        daemon = CorosyncDaemon.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            while (!toClose.isEmpty()) {
                toClose.pop().close();
            }
        } finally {
            daemon.close();
        }
    }

    @Test
    void aLanChangeReachesTheWanSiteWithItsEidAndAWanChangeReachesTheLanAsAsteriskBytes() throws Exception {
        Cluster cluster = cluster(List.of("site1", "site2"));
        AtomicReference<CorosyncLink> lan = new AtomicReference<>();
        cluster.withLinks("site1", () -> List.of(lan.updateAndGet(old -> corosyncLink())));
        cluster.useEntityId("site2", A2);
        cluster.startAll();
        cluster.awaitReady(CONVERGE);
        Await.until(daemon.membershipDeadline(), () -> lan.get().status().ready(), () -> "" + lan.get().status());
        StatefedNode wan = cluster.node("site2");
        CpgMemberProcess a1 = child("a1");

        long lanSent = System.nanoTime();
        a1.send(CapturedPayloads.message(3));
        // The first change of a newly bridged eid: announced before its item, and an item that overtakes the
        // presence is applied when it comes. Within half the refresh answer interval = not through a refresh.
        Await.until(SiteConnection.REFRESH_ANSWER_INTERVAL.dividedBy(2), () -> wan.devices().state("Custom:pre", A1).equals(Optional.of(DeviceState.BUSY)),
                () -> "site2 holds " + wan.devices().snapshot("Custom:pre"));
        Duration firstLanToWan = Await.since(lanSent);
        assertThat(wan.devices().aggregate("Custom:pre")).isEqualTo(DeviceState.BUSY);
        // [15]: a1's Custom:x INUSE, once its entity id is known to be bridged by site1.
        lanSent = System.nanoTime();
        a1.send(CapturedPayloads.message(15));
        Await.until(CONVERGE, () -> wan.devices().state("Custom:x", A1).equals(Optional.of(DeviceState.INUSE)),
                () -> "site2 holds " + wan.devices().snapshot("Custom:x"));
        Duration lanToWan = Await.since(lanSent);
        a1.send(CapturedPayloads.message(4));
        Await.until(CONVERGE, () -> wan.mailboxes().counts("1000@default", A1).equals(Optional.of(new MwiCounts(2, 1))),
                () -> "site2 holds " + wan.mailboxes().snapshot("1000@default"));

        long wanSent = System.nanoTime();
        wan.changeDeviceState("Custom:x", DeviceState.NOT_INUSE);
        // [12]: a2's Custom:x NOT_INUSE, byte for byte, from the bridge's member.
        a1.await(CONVERGE, fromBridge(OUR_PID, CapturedPayloads.message(12)));
        Duration wanToLan = Await.since(wanSent);
        wan.updateMailbox("1000@default", 3, 5);
        String mwi = a1.await(CONVERGE, line -> line.startsWith("MSG 1 " + OUR_PID + " 0002"));
        DecodedEvent decoded = EventDecoder.decode(HexFormat.of().parseHex(mwi.substring(mwi.lastIndexOf(' ') + 1)));
        assertThat(decoded).isEqualTo(MwiUpdate.of("1000@default", new MwiCounts(3, 5), A2));

        System.out.printf("CorosyncBridgeIT: LAN -> WAN (CPG member to the other site's table) %d ms (the first"
                + " change of a newly bridged eid: %d ms), WAN -> LAN (site2's change to the CPG member) %d ms%n",
                lanToWan.toMillis(), firstLanToWan.toMillis(), wanToLan.toMillis());
    }

    @Test
    void twoBridgesOnOneRingForwardEachChangeAFiniteNumberOfTimes() throws Exception {
        Cluster cluster = cluster(List.of("site1", "site2", "site3"));
        AtomicReference<CorosyncLink> lan = new AtomicReference<>();
        cluster.withLinks("site1", () -> List.of(lan.updateAndGet(old -> corosyncLink())));
        cluster.start("site1");
        cluster.start("site2");
        CpgMemberProcess a1 = child("a1");
        // The second bridge is a statefed process of its own: one process is one CPG member.
        Path conf = Files.writeString(temp.resolve("site3.conf"), cluster.jabberConf("site3", SECOND_BRIDGE,
                temp.resolve("site3.sock").toString(), List.of()) + """

                [corosync]
                type = corosync
                publish_event = device_state
                subscribe_event = device_state
                """);
        Path log = temp.resolve("site3.log");
        Process secondBridge = Statefed.launch(log, "run", "-c", conf.toString());
        toClose.push(secondBridge::destroyForcibly);
        cluster.awaitReady(CONVERGE);
        Await.until(CONVERGE, () -> a1.lines().stream().anyMatch(l -> l.startsWith("CONF ") && membersIn(l) == 3),
                () -> "a1 saw " + a1.lines() + "\nsite3 log:\n" + read(log));
        StatefedNode wan = cluster.node("site2");

        // A LAN server's change: both bridges take it to the WAN; neither sends it back to the LAN.
        a1.send(deviceState("Custom:lan", DeviceState.BUSY, A1));
        Await.until(CONVERGE, () -> wan.devices().state("Custom:lan", A1).equals(Optional.of(DeviceState.BUSY)),
                () -> "site2 holds " + wan.devices().snapshot("Custom:lan") + "\nsite3 log:\n" + read(log));
        // A WAN site's change: each bridge may hand it to the LAN once; neither takes it back to the WAN.
        wan.changeDeviceState("Custom:wan", DeviceState.INUSE);
        a1.await(CONVERGE, line -> line.startsWith("MSG ") && !line.contains(" " + a1.pid() + " ")
                && line.endsWith(HexFormat.of().formatHex(deviceState("Custom:wan", DeviceState.INUSE, wan.entityId()))));

        StatefedNode bridge = cluster.node("site1");
        Map<String, Long> first = roundTrip(a1, wan, bridge, 1);
        Map<String, Long> second = roundTrip(a1, wan, bridge, 2);
        System.out.printf("CorosyncBridgeIT: two bridges, after one more round trip each way: %s; after another: %s;"
                + " Custom:wan reached the LAN from pids %s (site1 is %d)%n", first, second, a1.lines().stream()
                .filter(l -> l.startsWith("MSG ") && l.endsWith(HexFormat.of().formatHex(
                        deviceState("Custom:wan", DeviceState.INUSE, wan.entityId()))))
                .map(l -> l.split(" ")[2]).toList(), OUR_PID);
        for (String lanCount : List.of("Custom:lan back on the LAN", "Custom:wan on the LAN")) {
            assertThat(second.get(lanCount)).as(lanCount + ": nothing kept circulating").isEqualTo(first.get(lanCount));
        }
        assertThat(first.get("Custom:lan back on the LAN")).isZero();
        // 1 when the other bridge heard site1's LAN copy before its own XMPP event: it then takes the WAN
        // site's eid for a LAN one (the hub's first-seen rule) and sends it to the WAN, not to the LAN.
        assertThat(first.get("Custom:wan on the LAN")).isBetween(1L, 2L);
        // Across the WAN: site2 holds the LAN's state under the LAN server's eid only, and its own change
        // under its own eid only (a bridge handing it back would add nothing else: it keeps the eid).
        assertThat(wan.devices().snapshot("Custom:lan").orElseThrow().entries()).singleElement()
                .satisfies(entry -> assertThat(entry.eid()).isEqualTo(A1));
        assertThat(wan.devices().snapshot("Custom:wan").orElseThrow().entries()).singleElement()
                .satisfies(entry -> assertThat(entry.eid()).isEqualTo(wan.entityId()));
        assertThat(lan.get().counters().rejected()).isZero();
        // The second bridge heard site2's change over the LAN before its own XMPP event in every run before
        // the router counted an eid an XMPP buddy speaks for as WAN: it published it back to the WAN and
        // site2 logged "two sites share one entityid". Still 1 or 2 copies on the LAN: which bridge hears
        // it first on which link is a race, and an unchanged value fires nothing.
        assertThat(wan.counters().get(Counters.Counter.DUPLICATE_EID)).as("site3 log:\n" + read(log)).isZero();
        assertThat(read(log)).doesNotContain("OUR entity id");
    }

    /**
     * One more change each way, awaited at both ends, then the counts that a loop would keep growing: CPG
     * messages about the first two devices and the in-process bridge's XMPP publishes.
     */
    private Map<String, Long> roundTrip(CpgMemberProcess a1, StatefedNode wan, StatefedNode bridge, int n) {
        String lanMarker = "Custom:lanmark" + n;
        String wanMarker = "Custom:wanmark" + n;
        a1.send(deviceState(lanMarker, DeviceState.RINGING, A1));
        wan.changeDeviceState(wanMarker, DeviceState.RINGING);
        Await.until(CONVERGE, () -> wan.devices().state(lanMarker, A1).isPresent(), () -> "no " + lanMarker);
        a1.await(CONVERGE, line -> line.startsWith("MSG ") && line.endsWith(
                HexFormat.of().formatHex(deviceState(wanMarker, DeviceState.RINGING, wan.entityId()))));
        String lanHex = HexFormat.of().formatHex(deviceState("Custom:lan", DeviceState.BUSY, A1));
        String wanHex = HexFormat.of().formatHex(deviceState("Custom:wan", DeviceState.INUSE, wan.entityId()));
        Predicate<String> fromBridges = line -> line.startsWith("MSG ") && !line.contains(" " + a1.pid() + " ");
        // site1's XMPP publishes are printed, not compared: a bridge's changed presence makes its buddies
        // ask for a refresh, answered with a republish, so they grow by more than the round trip's change.
        return Map.of(
                "Custom:lan back on the LAN", a1.lines().stream().filter(fromBridges).filter(l -> l.endsWith(lanHex)).count(),
                "Custom:wan on the LAN", a1.lines().stream().filter(fromBridges).filter(l -> l.endsWith(wanHex)).count(),
                "site1 publishes", bridge.counters().get(Counters.Counter.PUBLISH_SENT));
    }

    private static byte[] deviceState(String device, DeviceState state, EntityId eid) {
        return EventEncoder.encode(new DeviceStateChange(device, state, true, eid));
    }

    private static int membersIn(String confLine) {
        String members = confLine.substring("CONF members=".length(), confLine.indexOf(" left="));
        return members.isEmpty() ? 0 : members.split(",").length;
    }

    private Cluster cluster(List<String> sites) {
        XmppServer server = XmppServers.prosody(new ServerOptions(sites, false, 10_000));
        toClose.push(server);
        Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, sites.size(), Map.of());
        toClose.push(cluster);
        cluster.useEntityId("site1", BRIDGE);
        return cluster;
    }

    private static CorosyncLink corosyncLink() {
        return new CorosyncLink(new CorosyncConfig("corosync", GROUP, EnumSet.allOf(CorosyncEventType.class),
                EnumSet.allOf(CorosyncEventType.class)), new LibCpgTransport(), BACKOFF);
    }

    private static Predicate<String> fromBridge(long pid, byte[] payload) {
        return line -> line.startsWith("MSG ") && line.endsWith(" " + pid + " " + HexFormat.of().formatHex(payload));
    }

    private CpgMemberProcess child(String name) {
        CpgMemberProcess child = CpgMemberProcess.join(GROUP, temp.resolve(name + ".stderr"),
                daemon.membershipDeadline());
        toClose.push(child);
        assertThat(child.lines()).as("child " + name + " joined").anyMatch(l -> l.startsWith("JOINED "));
        return child;
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
