package org.statefed.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.statefed.node.StatefedNode;
import org.statefed.config.PubsubLayout;
import org.statefed.it.Await;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.wire.StatefedPresenceElement;
import org.statefed.xmpp.Counters;

/** Issue 10 item 7: entity ids that outlive their sites, and an id announced first by the wrong buddy. */
class EntityIdLifecycleIT {
    private static final Duration READY = Duration.ofSeconds(20);
    private static final Duration STALE = Duration.ofSeconds(3);
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private static XmppServer prosody() {
        return XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
    }

    @Test
    void siteRestartedWithANewEntityIdWithinStaleTimeoutLeavesNothingUnderTheOldOne() throws Exception {
        try (XmppServer server = prosody();
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of()).withStaleTimeout(STALE)) {
            cluster.startAll();
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            EntityId old = cluster.eidOf("site2");
            cluster.node("site2").changeDeviceState("SIP/201", DeviceState.BUSY);
            Cluster.awaitAggregates(READY, List.of(site1), Map.of("SIP/201", DeviceState.BUSY));

            cluster.stop("site2");
            EntityId renamed = EntityId.parse("00:11:22:33:44:bb");
            cluster.useEntityId("site2", renamed);
            StatefedNode site2 = cluster.start("site2");
            site2.changeDeviceState("SIP/202", DeviceState.INUSE);
            Cluster.awaitAggregates(READY, List.of(site1), Map.of("SIP/202", DeviceState.INUSE));
            // Back within stale_timeout under another id: the old id's BUSY must still go.
            Duration dropped = Cluster.awaitAggregates(STALE.plus(MARGIN), List.of(site1),
                    Map.of("SIP/201", DeviceState.UNKNOWN));
            assertThat(site1.devices().state("SIP/201", old)).isEmpty();
            assertThat(site1.devices().state("SIP/202", renamed)).contains(DeviceState.INUSE);
            assertThat(site1.counters().get(Counters.Counter.ENTITY_IDS_RETIRED)).isEqualTo(1);
            System.out.printf("[entity ids prosody per-site] old id's states dropped %d ms after the new id's first "
                    + "state arrived (stale_timeout %d s)%n", dropped.toMillis(), STALE.toSeconds());
        }
    }

    @Test
    void idAnnouncedFirstByAnotherBuddyPassesToTheRealSiteWhenTheClaimantLeaves() throws Exception {
        try (XmppServer server = prosody();
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of()).withStaleTimeout(STALE)) {
            cluster.addBuddyAccount("squatter", "squatter-pw");
            cluster.start("site1");
            cluster.awaitReady(READY);
            StatefedNode site1 = cluster.node("site1");
            Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.accept_all);
            XMPPTCPConnection squatter = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(server.domain()).setHost(server.host()).setPort(server.clientPort())
                    .setUsernameAndPassword("squatter", "squatter-pw").setSecurityMode(SecurityMode.disabled)
                    .setSendPresence(false).build());
            try {
                squatter.connect().login();
                long rejectedBefore = site1.counters().get(Counters.Counter.PRESENCE_REJECTED);
                // Announces site2's entity id before site2 is there to bind it.
                squatter.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.available)
                        .addExtension(StatefedPresenceElement.of(cluster.eidOf("site2"))).build());
                Await.until(READY, () -> site1.sites().get(0).remoteSites().stream()
                        .anyMatch(r -> r.jid().getLocalpart().toString().equals("squatter") && r.eid().isPresent()),
                        () -> "site1 never bound the squatter's id: " + site1.sites().get(0).remoteSites());

                StatefedNode site2 = cluster.start("site2");
                cluster.awaitReady(READY);
                site2.changeDeviceState("SIP/200", DeviceState.BUSY);
                Await.until(READY, () -> site1.counters().get(Counters.Counter.PRESENCE_REJECTED) > rejectedBefore,
                        () -> "site1 did not see the conflict: " + site1.counters().snapshot());
                assertThat(site1.devices().aggregate("SIP/200")).isNotEqualTo(DeviceState.BUSY);
            } finally {
                squatter.disconnect();
            }
            Duration back = Cluster.awaitAggregates(READY, List.of(site1), Map.of("SIP/200", DeviceState.BUSY));
            assertThat(site1.counters().get(Counters.Counter.CLAIMS_RELEASED)).isEqualTo(1);
            System.out.printf("[entity ids prosody per-site] claimant left: the real site's states applied %d ms later%n",
                    back.toMillis());
        }
    }
}
