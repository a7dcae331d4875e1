package org.statefed.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.state.Origin;

/** The router sends what a link learned to the links the forwarding rules name, with the original entity id. */
class RouterTest {
    private static final EntityId OWN = EntityId.parse("00:00:00:00:00:01");
    private static final EntityId LAN_SERVER = EntityId.parse("00:00:00:00:00:0a");
    private static final EntityId WAN_SITE = EntityId.parse("00:00:00:00:00:0b");

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final DeviceStateTable devices = new DeviceStateTable(clock);
    private final MwiTable mailboxes = new MwiTable(clock);
    private final RecordingLink xmppA = new RecordingLink("asterisk", LinkKind.XMPP);
    private final RecordingLink xmppB = new RecordingLink("backup", LinkKind.XMPP);
    private final RecordingLink corosync = new RecordingLink("corosync", LinkKind.COROSYNC);
    private final RecordingLink sip = new RecordingLink("sip", LinkKind.SIP_PUBLICATION);
    private final java.util.Set<EntityId> wanSitesOwn = new java.util.HashSet<>();
    private final Router router = new Router(OWN, List.of(xmppA, xmppB, corosync, sip), wanSitesOwn::contains);

    @BeforeEach
    void attach() {
        router.attach(devices, mailboxes);
    }

    @Test
    void aLanServersStateGoesToEveryWanLinkAndTheOtherLanLinksWithItsOwnEntityId() {
        devices.update("SIP/100", LAN_SERVER, DeviceState.INUSE, true, new Origin("corosync"));

        String sent = "SIP/100 " + LAN_SERVER + " INUSE";
        assertThat(xmppA.sent()).containsExactly(sent);
        assertThat(xmppB.sent()).containsExactly(sent);
        assertThat(sip.sent()).containsExactly(sent);
        assertThat(corosync.sent()).as("never back to the link it came from").isEmpty();
    }

    @Test
    void aWanStateGoesToTheLanLinksOnlyNeverToAnotherWanLink() {
        devices.update("SIP/200", WAN_SITE, DeviceState.RINGING, true, new Origin("asterisk"));
        mailboxes.update("200@default", WAN_SITE, new MwiCounts(1, 2), new Origin("asterisk"));

        assertThat(corosync.sent()).containsExactly("SIP/200 " + WAN_SITE + " RINGING", "200@default " + WAN_SITE + " 1/2");
        assertThat(sip.sent()).hasSize(2);
        assertThat(xmppA.sent()).isEmpty();
        assertThat(xmppB.sent()).isEmpty();
    }

    @Test
    void aWanStateHandedBackOnTheLanByAnotherBridgeNeverGoesOutToTheWanAgain() {
        devices.update("SIP/200", WAN_SITE, DeviceState.RINGING, true, new Origin("asterisk"));
        clear();

        devices.update("SIP/200", WAN_SITE, DeviceState.INUSE, true, new Origin("corosync"));

        assertThat(xmppA.sent()).as("first seen on the WAN: the loop breaker").isEmpty();
        assertThat(xmppB.sent()).isEmpty();
        assertThat(sip.sent()).containsExactly("SIP/200 " + WAN_SITE + " INUSE");
        assertThat(router.firstSeen(WAN_SITE)).contains(Reach.WAN);
    }

    @Test
    void aStateOfAnEntityIdFirstSeenOnTheLanThatArrivesOverTheWanGoesToTheLanLinksOnly() {
        devices.update("SIP/200", WAN_SITE, DeviceState.RINGING, true, new Origin("corosync"));
        clear();

        devices.update("SIP/200", WAN_SITE, DeviceState.INUSE, true, new Origin("asterisk"));

        assertThat(corosync.sent()).containsExactly("SIP/200 " + WAN_SITE + " INUSE");
        assertThat(sip.sent()).containsExactly("SIP/200 " + WAN_SITE + " INUSE");
        assertThat(xmppB.sent()).isEmpty();
    }

    @Test
    void aWanSitesStateHeardFirstOnTheLanIsStillWanWhenItIsAnXmppBuddysOwnEntityId() {
        wanSitesOwn.add(WAN_SITE);

        devices.update("SIP/200", WAN_SITE, DeviceState.INUSE, true, new Origin("corosync"));
        mailboxes.update("200@default", WAN_SITE, new MwiCounts(1, 0), new Origin("corosync"));

        assertThat(xmppA.sent()).as("never back out to the WAN").isEmpty();
        assertThat(xmppB.sent()).isEmpty();
        assertThat(sip.sent()).as("to the other LAN links").hasSize(2);
        assertThat(router.firstSeen(WAN_SITE)).contains(Reach.WAN);
        assertThat(router.bridged()).isEmpty();
        assertThat(router.deviceStatesFor(xmppB, devices)).isEmpty();
    }

    @Test
    void anEntityIdFirstSeenOnTheLanBecomesWanOnceAWanSiteAnnouncesItAsItsOwn() {
        devices.update("SIP/200", WAN_SITE, DeviceState.RINGING, true, new Origin("corosync"));
        assertThat(router.bridged()).containsExactly(WAN_SITE);
        clear();

        wanSitesOwn.add(WAN_SITE);
        assertThat(router.bridged()).isEmpty();
        devices.update("SIP/200", WAN_SITE, DeviceState.INUSE, true, new Origin("corosync"));

        assertThat(xmppA.sent()).isEmpty();
        assertThat(xmppB.sent()).isEmpty();
        assertThat(router.deviceStatesFor(xmppA, devices)).isEmpty();
    }

    @Test
    void aLanServersIdThatAnotherBridgeOnOurLanAnnouncesStaysLan() {
        xmppA.hear(LAN_SERVER);

        devices.update("SIP/100", LAN_SERVER, DeviceState.INUSE, true, new Origin("corosync"));

        assertThat(xmppA.sent()).as("both bridges publish the LAN's own servers").hasSize(1);
        assertThat(router.bridged()).containsExactly(LAN_SERVER);
    }

    @Test
    void ownChangesAreSentOnlyThroughTheLocalPathNotFromTheListener() {
        devices.update("SIP/1", OWN, DeviceState.BUSY, true, Origin.LOCAL);
        assertThat(xmppA.sent()).as("the node publishes its own changes itself: no second publish").isEmpty();

        router.sendLocal(new DeviceStateUpdate("SIP/1", OWN, DeviceState.BUSY, true));

        for (RecordingLink link : List.of(xmppA, xmppB, corosync, sip)) {
            assertThat(link.sent()).as(link.name()).containsExactly("SIP/1 " + OWN + " BUSY");
        }
    }

    @Test
    void whatAWanLinkCarriesOnResyncIsOwnAndLanStatesNeverWanOnesOrUnknownRestoredOnes() {
        devices.update("SIP/1", OWN, DeviceState.BUSY, true, Origin.LOCAL);
        devices.update("SIP/100", LAN_SERVER, DeviceState.INUSE, true, new Origin("corosync"));
        devices.update("SIP/200", WAN_SITE, DeviceState.RINGING, true, new Origin("asterisk"));
        devices.restore("SIP/300", EntityId.parse("00:00:00:00:00:0c"), DeviceState.INUSE, true,
                clock.instant().minusSeconds(5));
        mailboxes.update("100@default", LAN_SERVER, new MwiCounts(3, 0), new Origin("sip"));

        assertThat(router.deviceStatesFor(xmppB, devices)).extracting(DeviceStateUpdate::device)
                .containsExactly("SIP/1", "SIP/100");
        assertThat(router.deviceStatesFor(corosync, devices)).extracting(DeviceStateUpdate::device)
                .containsExactly("SIP/1", "SIP/200");
        assertThat(router.mailboxesFor(xmppA, mailboxes)).extracting(MailboxUpdate::eid).containsExactly(LAN_SERVER);
        assertThat(router.mailboxesFor(sip, mailboxes)).isEmpty();
        assertThat(router.bridged()).containsExactly(LAN_SERVER);
    }

    @Test
    void aWanLinkCarriesTheOwnStatesRestoredFromTheStateFile() {
        devices.restore("SIP/5", OWN, DeviceState.ONHOLD, true, clock.instant().minusSeconds(5));
        mailboxes.restore("5@default", OWN, new MwiCounts(1, 0), clock.instant().minusSeconds(5));
        devices.restore("SIP/300", EntityId.parse("00:00:00:00:00:0c"), DeviceState.INUSE, true,
                clock.instant().minusSeconds(5));

        router.restored(devices, mailboxes);

        assertThat(router.deviceStatesFor(xmppA, devices)).extracting(DeviceStateUpdate::device).containsExactly("SIP/5");
        assertThat(router.mailboxesFor(xmppA, mailboxes)).extracting(MailboxUpdate::mailbox).containsExactly("5@default");
    }

    @Test
    void anEntryTheWanTookOverOrThatWasRemovedIsNoLongerCarriedToTheWanAndOneTheLanGaveBackIs() {
        devices.update("SIP/1", OWN, DeviceState.BUSY, true, Origin.LOCAL);
        devices.update("SIP/2", OWN, DeviceState.BUSY, true, Origin.LOCAL);
        devices.update("SIP/100", LAN_SERVER, DeviceState.INUSE, true, new Origin("corosync"));
        devices.update("SIP/101", LAN_SERVER, DeviceState.INUSE, true, new Origin("corosync"));
        mailboxes.update("100@default", LAN_SERVER, new MwiCounts(3, 0), new Origin("sip"));

        devices.update("SIP/100", LAN_SERVER, DeviceState.RINGING, true, new Origin("asterisk"));
        devices.remove("SIP/2", OWN);
        mailboxes.remove("100@default", LAN_SERVER);
        assertThat(router.deviceStatesFor(xmppB, devices)).extracting(DeviceStateUpdate::device)
                .containsExactly("SIP/1", "SIP/101");
        assertThat(router.mailboxesFor(xmppB, mailboxes)).isEmpty();

        devices.update("SIP/100", LAN_SERVER, DeviceState.ONHOLD, true, new Origin("corosync"));
        assertThat(router.deviceStatesFor(xmppB, devices)).extracting(u -> u.device() + " " + u.state())
                .containsExactly("SIP/1 BUSY", "SIP/100 ONHOLD", "SIP/101 INUSE");
    }

    @Test
    void aWanLinkIsHandedItsStatesSortedByDeviceAmongManyWanOnes() {
        for (int site = 0x10; site < 0x40; site++) {
            for (int d = 0; d < 50; d++) {
                devices.update("SIP/" + d, new EntityId(site), DeviceState.INUSE, true, new Origin("asterisk"));
            }
        }
        for (int d = 49; d >= 0; d -= 7) {
            devices.update("SIP/" + d, OWN, DeviceState.BUSY, true, Origin.LOCAL);
        }

        assertThat(router.deviceStatesFor(xmppA, devices)).extracting(DeviceStateUpdate::device)
                .containsExactly("SIP/0", "SIP/14", "SIP/21", "SIP/28", "SIP/35", "SIP/42", "SIP/49", "SIP/7");
        assertThat(router.deviceStatesFor(corosync, devices)).hasSize(48 * 50 + 8);
    }

    @Test
    void aForgottenEntityIdIsSeenAnewWhenItReturns() {
        devices.update("SIP/200", WAN_SITE, DeviceState.RINGING, true, new Origin("asterisk"));
        devices.removeEntity(WAN_SITE);
        router.forget(WAN_SITE);
        clear();

        devices.update("SIP/200", WAN_SITE, DeviceState.INUSE, true, new Origin("corosync"));

        assertThat(xmppA.sent()).containsExactly("SIP/200 " + WAN_SITE + " INUSE");
    }

    @Test
    void linkNamesAreUniqueAndNotReserved() {
        RecordingLink local = new RecordingLink("local", LinkKind.COROSYNC);
        assertThatThrownBy(() -> new Router(OWN, List.of(local))).hasMessageContaining("reserved");
        assertThatThrownBy(() -> new Router(OWN, List.of(sip, new RecordingLink("sip", LinkKind.XMPP))))
                .hasMessageContaining("two links");
    }

    private void clear() {
        List.of(xmppA, xmppB, corosync, sip).forEach(RecordingLink::clear);
    }
}
