package org.statefed.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.Backoff;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.SiteConnection;

/**
 * Issue 10, items 1 and 4, on a real prosody: a stranger's IQ in an unknown namespace, and another client
 * taking over the site's session (stream conflict). Each test starts its own server and sites.
 */
class SessionHostilityIT {
    /** Set-up of two sites on loopback takes well under a second; this is the margin on a loaded machine. */
    private static final Duration READY = Duration.ofSeconds(20);

    private static XmppServer prosody() {
        return XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
    }

    /** {@code <iq to=...><foo xmlns='urn:evil'/></iq>}: a namespace nobody has a parser for. */
    private static IQ evil(IQ.Type type, String to) throws Exception {
        IQ iq = new IQ("foo", "urn:evil") {
            @Override
            protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
                xml.setEmptyElement();
                return xml;
            }
        };
        iq.setType(type);
        iq.setTo(JidCreate.fullFrom(to));
        return iq;
    }

    private static SiteConnection site(StatefedNode node) {
        return node.sites().get(0);
    }

    @Test
    void aStrangersUnknownIqGetsServiceUnavailableAndTheSiteStaysConnected() throws Exception {
        try (XmppServer server = prosody(); Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            server.createAccount("stranger", "stranger-pw");
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            String address = "site1@" + server.domain() + "/statefed";
            int setups = site(site1).completedSetups();
            long endedBefore = site1.counters().get(Counters.Counter.SESSIONS_ENDED);

            XMPPTCPConnection stranger = RawClient.login(server, "stranger", "stranger-pw", "evil");
            try {
                for (IQ.Type type : List.of(IQ.Type.set, IQ.Type.get)) {
                    Throwable answer = catchThrowable(() -> stranger.sendIqRequestAndWaitForResponse(evil(type, address)));
                    assertThat(answer).as("answer to an IQ %s in an unknown namespace", type)
                            .isInstanceOf(XMPPErrorException.class);
                    assertThat(((XMPPErrorException) answer).getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.service_unavailable);
                }
                // A malformed answer makes the server close the site's stream right after it: a ping answered
                // after both IQs shows the stream survived them.
                assertThat(PingManager.getInstanceFor(stranger).ping(JidCreate.fullFrom(address))).isTrue();
            } finally {
                stranger.disconnect();
            }
            assertThat(site(site1).linkState()).isEqualTo(LinkState.CONNECTED);
            assertThat(site(site1).completedSetups()).isEqualTo(setups);
            assertThat(site1.counters().get(Counters.Counter.SESSIONS_ENDED)).isEqualTo(endedBefore);
            assertThat(site1.counters().get(Counters.Counter.UNKNOWN_IQ)).isEqualTo(2);
        }
    }

    @Test
    void aSiteWhoseSessionAnotherClientTookOverLogsInAgainWithinTheFirstBackoffStep() throws Exception {
        try (XmppServer server = prosody(); Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            StatefedNode site2 = cluster.node("site2");
            Map<String, Integer> setups = cluster.setups();

            // Same account, same resource: the server closes site1's stream with <conflict/>.
            XMPPTCPConnection intruder = RawClient.login(server, "site1", Cluster.PASSWORD, "statefed");
            Await.until(READY, () -> site1.counters().get(Counters.Counter.SESSIONS_ENDED) >= 1,
                    () -> "site1 did not notice the conflict: " + cluster.describeLinks());
            intruder.disconnect();

            // Back within the first backoff step plus a set-up; before the fix it stayed Disconnected forever.
            Duration bound = Backoff.RECONNECT.delay(1).plus(READY);
            Await.until(bound, () -> site(site1).linkState() == LinkState.CONNECTED
                    && site(site1).completedSetups() > setups.get("site1"), cluster::describeLinks);
            site1.changeDeviceState("SIP/100", DeviceState.INUSE);
            Await.until(READY, () -> site2.devices().aggregate("SIP/100") == DeviceState.INUSE,
                    () -> "site2 sees " + site2.devices().aggregate("SIP/100"));
        }
    }

    @Test
    void floodsOfStrangersSubscriptionsAndMalformedCapsAreCountedAndTheSiteStaysUp() throws Exception {
        try (XmppServer server = prosody(); Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            server.createAccount("stranger", "stranger-pw");
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            int setups = site(site1).completedSetups();
            long endedBefore = site1.counters().get(Counters.Counter.SESSIONS_ENDED);
            EntityBareJid target = JidCreate.entityBareFrom("site1@" + server.domain());
            int flood = 200;

            XMPPTCPConnection stranger = RawClient.login(server, "stranger", "stranger-pw", "evil");
            try {
                for (int i = 0; i < flood; i++) {
                    stranger.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.subscribe).to(target)
                            .build());
                    stranger.sendStanza(PresenceBuilder.buildPresence().to(JidCreate.fullFrom(target + "/statefed"))
                            .addExtension(StandardExtensionElement.builder("c", "http://jabber.org/protocol/caps")
                                    .build()).build());
                }
                // prosody forwards a repeated subscription request only while none is pending: a few arrive.
                Await.until(READY, () -> site1.counters().get(Counters.Counter.NOT_A_BUDDY) >= 1
                        && site1.counters().get(Counters.Counter.MALFORMED_CAPS) >= flood,
                        () -> "site1 counted " + site1.counters().snapshot());
                assertThat(PingManager.getInstanceFor(stranger).ping(JidCreate.fullFrom(target + "/statefed"))).isTrue();
            } finally {
                stranger.disconnect();
            }
            assertThat(site(site1).linkState()).isEqualTo(LinkState.CONNECTED);
            assertThat(site(site1).completedSetups()).isEqualTo(setups);
            assertThat(site1.counters().get(Counters.Counter.SESSIONS_ENDED)).isEqualTo(endedBefore);
            System.out.printf("[hostile 10 prosody] site1 counters %s, rejections %s%n", site1.counters().snapshot(),
                    site1.counters().rejectionSnapshot());
        }
    }
}
