package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.pubsub.SubscribeExtension;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.admin.Statefed;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.SiteConnection;

/**
 * A peer that behaves as Asterisk's res_xmpp does (a raw client replaying the captured presence of
 * shared/captures/asterisk-res_xmpp-prosody.txt): legacy entity caps, no item fetch on connect. Site 1 runs
 * as a {@code bin/statefed run} process whose log is a file (no swapping of System.err), site 2 in process.
 */
class AsteriskPeerIT {
    private static final Duration READY = Duration.ofSeconds(20);
    private static final String PBX_PASSWORD = "pbx-pw";
    private static final String CAPS_NS = "http://jabber.org/protocol/caps";
    private static final Pattern ITEM = Pattern.compile("<item[^>]* id='([^']*)'[^>]*><state[^>]*eid='([^']*)'[^>]*>([A-Z_]+)<");

    @TempDir
    Path dir;

    /** Logs in as the buddy {@code pbx}, resource astvoip1, accepting presence subscriptions, sending no caps. */
    private static XMPPTCPConnection pbx(XmppServer server) throws Exception {
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.accept_all);
        XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain()).setHost(server.host()).setPort(server.clientPort())
                .setUsernameAndPassword("pbx", PBX_PASSWORD).setResource("astvoip1")
                .setSecurityMode(SecurityMode.disabled).setSendPresence(false).build());
        EntityCapsManager.getInstanceFor(c).disableEntityCaps();
        c.connect().login();
        return c;
    }

    /** Asterisk's presence as captured: status, priority, legacy caps without hash. */
    private static Presence asteriskPresence() {
        return PresenceBuilder.buildPresence().ofType(Presence.Type.available).setStatus("astlab1").setPriority(1)
                .addExtension(StandardExtensionElement.builder("c", CAPS_NS)
                        .addAttribute("ver", "asterisk-xmpp")
                        .addAttribute("node", "http://www.asterisk.org/xmpp/client/caps")
                        .addAttribute("ext", "voice-v1 video-v1 camera-v1").build())
                .build();
    }

    private static Presence unavailable() {
        return PresenceBuilder.buildPresence().ofType(Presence.Type.unavailable).build();
    }

    @Test
    void asteriskPresenceShowsItsCapsAndReturningAsteriskGetsEverySitesOwnStatesRepublished() throws Exception {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
                Cluster cluster = new Cluster(server, PubsubLayout.ASTERISK, 2, Map.of())) {
            cluster.addBuddyAccount("pbx", PBX_PASSWORD);
            cluster.start("site2");
            Path socket = dir.resolve("site1.sock");
            Path config = Files.writeString(dir.resolve("site1.conf"),
                    cluster.jabberConf("site1", cluster.eidOf("site1"), socket.toString(), List.of()));
            Path log = dir.resolve("site1.log");
            Process site1 = Statefed.launch(log, "run", "-c", config.toString());
            XMPPTCPConnection pbx = pbx(server);
            try {
                Await.until(READY, () -> read(log).contains("session ready"), () -> read(log));
                cluster.awaitReady(READY);
                StatefedNode site2 = cluster.node("site2");
                assertThat(rx(socket, "devstate change Custom:fromstatefed BUSY").exitCode()).isZero();
                site2.changeDeviceState("Custom:two", DeviceState.INUSE);
                Cluster.awaitAggregates(READY, List.of(site2),
                        Map.of("Custom:fromstatefed", DeviceState.BUSY, "Custom:two", DeviceState.INUSE));

                // As res_xmpp does on connect: subscribe to the shared node, then say available; fetch nothing.
                Queue<String> events = new ConcurrentLinkedQueue<>();
                pbx.addAsyncStanzaListener(stanza -> events.add(stanza.toXML().toString()),
                        new StanzaExtensionFilter("event", "http://jabber.org/protocol/pubsub#event"));
                pbx.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(
                        JidCreate.domainBareFrom(server.pubsubService()), IQ.Type.set,
                        new SubscribeExtension(pbx.getUser().asEntityBareJid(), "device_state")));
                long returned = System.nanoTime();
                pbx.sendStanza(asteriskPresence());

                String eid1 = cluster.eidOf("site1").toString();
                String eid2 = cluster.eidOf("site2").toString();
                Await.until(READY, () -> items(events).contains("Custom:fromstatefed " + eid1 + " BUSY")
                        && items(events).contains("Custom:two " + eid2 + " INUSE"), () -> "pbx got " + items(events) + " from "
                        + events + "; site2 counters " + site2.counters().snapshot() + "; site1 log:\n" + read(log));
                Duration learned = Duration.ofNanos(System.nanoTime() - returned);
                // Each site republished only its own states, under its own entity id.
                assertThat(items(events)).allMatch(i -> i.startsWith("Custom:fromstatefed " + eid1)
                        || i.startsWith("Custom:two " + eid2));

                Statefed.Output buddies = rx(socket, "jabber show buddies");
                assertThat(buddies.stdout()).contains("\tBuddy:\tpbx@localhost\n\t\tResource: astvoip1\n"
                        + "\t\t\tnode: http://www.asterisk.org/xmpp/client/caps\n\t\t\tversion: asterisk-xmpp\n");
                assertThat(site2.sites().get(0).buddies().stream().filter(b -> b.jid().toString().startsWith("pbx@"))
                        .flatMap(b -> b.resources().stream()).toList())
                        .singleElement().satisfies(r -> {
                            assertThat(r.capsNode()).isEqualTo("http://www.asterisk.org/xmpp/client/caps");
                            assertThat(r.capsVersion()).isEqualTo("asterisk-xmpp");
                        });

                // A flapping Asterisk: 20 returns within about a second cost a republish or two, not 20.
                long republishesBefore = site2.counters().get(Counters.Counter.RETURN_REPUBLISHES);
                long sentBefore = site2.counters().get(Counters.Counter.PUBLISH_SENT);
                int flaps = 20;
                long flapStart = System.nanoTime();
                for (int i = 0; i < flaps; i++) {
                    pbx.sendStanza(unavailable());
                    pbx.sendStanza(asteriskPresence());
                    // Pacing, not waiting for a condition: a flap every 50 ms.
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
                long flapEnd = System.nanoTime();
                Duration flapping = Duration.ofNanos(flapEnd - flapStart);
                // Count once the window opened by the last flap has closed and its republish went out.
                Duration window = SiteConnection.RETURN_WINDOW;
                Await.until(READY, () -> System.nanoTime() - flapEnd > window.multipliedBy(2).toNanos()
                        && site2.counters().get(Counters.Counter.RETURN_REPUBLISHES) > republishesBefore
                        && site2.counters().get(Counters.Counter.PUBLISH_SENT) > sentBefore,
                        () -> "site2 did not republish after the flaps: " + site2.counters().snapshot());
                long windows = flapping.toMillis() / window.toMillis() + 2;
                long republishes = site2.counters().get(Counters.Counter.RETURN_REPUBLISHES) - republishesBefore;
                assertThat(republishes).isBetween(1L, windows);
                System.out.printf("[asterisk peer prosody asterisk] returning Asterisk learned both sites' states %d ms "
                        + "after its presence; %d flaps in %d ms: %d republishes (%d publishes) by site2%n",
                        learned.toMillis(), flaps, flapping.toMillis(), republishes,
                        site2.counters().get(Counters.Counter.PUBLISH_SENT) - sentBefore);

                // No stack trace and no WARN for a peer's presence, ever.
                String output = read(log);
                assertThat(output.lines().filter(l -> l.contains("WARN")).toList())
                        .noneMatch(l -> l.contains("pbx") || l.contains("aps") || l.contains("resence"));
                assertThat(output).doesNotContain("\tat ").doesNotContain("Caps element");
            } finally {
                pbx.disconnect();
                site1.destroy();
                if (!site1.waitFor(10, TimeUnit.SECONDS)) {
                    site1.destroyForcibly();
                }
            }
        }
    }

    private Statefed.Output rx(Path socket, String command) {
        return Statefed.run(dir, "-s", socket.toString(), "-rx", command);
    }

    /** "ITEM EID STATE" for every device-state item the pbx received. */
    private static List<String> items(Queue<String> events) {
        return events.stream().flatMap(xml -> {
            Matcher m = ITEM.matcher(xml.replace('"', '\''));
            List<String> found = new java.util.ArrayList<>();
            while (m.find()) {
                found.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
            }
            return found.stream();
        }).toList();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
