package org.statefed.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.PubsubLayout;
import org.statefed.config.SipHostPort;
import org.statefed.config.SipPublicationConfig;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.node.StatefedNode;
import org.statefed.sip.codec.SipCapture;
import org.statefed.sip.jain.SipEndpoints;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.xmpp.SiteConnection;

/**
 * A bridge: site1 has an "Asterisk" on a SIP publication link (a raw UDP socket replaying the captured a2)
 * and shares over XMPP (real prosody) with site2, a plain statefed site. The Asterisk's state reaches site2
 * under the Asterisk's entity id; site2's state reaches the Asterisk as res_pjsip_publish_asterisk's JSON
 * under site2's entity id.
 */
class SipXmppBridgeIT {
    private static final Logger LOG = LoggerFactory.getLogger(SipXmppBridgeIT.class);
    private static final EntityId ASTERISK = EntityId.parse("00:11:22:33:44:0a");
    /** XMPP set-up and one hop through prosody on a loaded 2-core machine, as FederationIT allows. */
    private static final Duration CONVERGE = Duration.ofSeconds(20);

    @Test
    void aSipPeersStateReachesTheXmppSiteUnderItsEidAndTheSitesStateReachesThePeerAsAsteriskJson() throws IOException {
        try (XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())) {
            int port = UdpSipPeer.freeUdpAndTcpPort();
            try (UdpSipPeer peer = new UdpSipPeer(port)) {
                SipPublicationConfig sip = new SipPublicationConfig("pbx", new SipHostPort("127.0.0.1", port),
                        "sip:a1@127.0.0.1:" + peer.port(), "sip:a1@127.0.0.1:" + port, "a2", Optional.empty(), true, true,
                        Optional.empty(), Optional.empty(), Duration.ofSeconds(60), Optional.empty(), Optional.empty());
                StatefedNode site1 = new StatefedNode(cluster.configOf("site1"), Clock.systemUTC(), Optional.empty(),
                        List.of(SipPublicationLink.create(sip, new SipEndpoints())));
                try {
                    site1.start();
                    StatefedNode site2 = cluster.start("site2");
                    for (int accepted = 0; accepted < 2; accepted++) {
                        String refresh = peer.receive(CONVERGE);
                        assertThat(UdpSipPeer.body(refresh)).startsWith("{\"type\":\"refresh\"");
                        peer.answer(refresh, 200, "OK", "SIP-ETag: " + accepted, "Expires: 60");
                    }
                    Await.until(CONVERGE, () -> site1.ready() && site2.ready(),
                            () -> "site1 " + site1.linkStatuses() + ", site2 " + site2.linkStatuses());

                    // Captured [23]: a2 says Custom:x is NOT_INUSE (sent here as an initial PUBLISH).
                    long sipToXmpp = System.nanoTime();
                    String captured = SipCapture.datagram(23).text();
                    peer.send(peer.rewrite(captured, null, null, null, null));
                    String ok = peer.receive(CONVERGE);
                    assertThat(UdpSipPeer.status(ok)).isEqualTo(200);
                    // The first state of a newly bridged entity id: site1 announces the id before the item and
                    // site2 applies an item that overtook that presence once it comes. A refresh round trip may
                    // wait up to the refresh answer interval: arriving within half of it means it came directly.
                    Duration firstReachedSite2 = Await.until(SiteConnection.REFRESH_ANSWER_INTERVAL.dividedBy(2),
                            () -> site2.devices().state("Custom:x", ASTERISK).orElse(null) == DeviceState.NOT_INUSE,
                            () -> "site2 has " + site2.devices().snapshot("Custom:x"));

                    // A later change of the same entity id: the steady-state path.
                    long second = System.nanoTime();
                    String modify = captured.replace("NOT_INUSE", "RINGING").replace("Content-Length:   101",
                            "Content-Length:    99");
                    peer.send(peer.rewrite(modify, UdpSipPeer.header(ok, "SIP-ETag"), null, null, null));
                    assertThat(UdpSipPeer.status(peer.receive(CONVERGE))).isEqualTo(200);
                    Await.until(CONVERGE,
                            () -> site2.devices().state("Custom:x", ASTERISK).orElse(null) == DeviceState.RINGING,
                            () -> "site2 has " + site2.devices().snapshot("Custom:x"));
                    Duration reachedSite2 = Await.since(second);

                    long xmppToSip = System.nanoTime();
                    site2.changeDeviceState("Custom:b", DeviceState.BUSY);
                    String publish = peer.receive(CONVERGE);
                    Duration reachedPeer = Await.since(xmppToSip);
                    peer.answer(publish, 200, "OK", "SIP-ETag: 9", "Expires: 60");

                    assertThat(UdpSipPeer.header(publish, "Event")).isEqualTo("asterisk-devicestate");
                    assertThat(UdpSipPeer.body(publish)).isEqualTo("{\"type\":\"devicestate\",\"device\":\"Custom:b\","
                            + "\"state\":\"BUSY\",\"cachable\":1,\"eid\":\"" + cluster.eidOf("site2") + "\"}");
                    LOG.info("SIP -> XMPP site: first state of a new eid {} ms, a later change {} ms;"
                            + " XMPP site -> SIP peer: {} ms (started {} ms apart)", firstReachedSite2.toMillis(),
                            reachedSite2.toMillis(), reachedPeer.toMillis(),
                            Duration.ofNanos(xmppToSip - sipToXmpp).toMillis());
                } finally {
                    site1.stop(Duration.ofSeconds(10));
                }
            }
        }
    }
}
