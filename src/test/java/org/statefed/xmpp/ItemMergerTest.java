package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.LoggerFactory;
import org.statefed.link.RateLimitedLog;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.wire.DeviceStateElement;
import org.statefed.wire.MailboxElement;
import org.statefed.wire.PublishTime;
import org.statefed.wire.RefreshRequestElement;
import org.statefed.wire.RejectReason;
import org.statefed.wire.RejectedPayload;

class ItemMergerTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId SITE2 = EntityId.parse("00:11:22:33:44:02");
    private static final EntityId SITE3 = EntityId.parse("00:11:22:33:44:03");

    /** Per-site cap on devices and on mailboxes in these tests. */
    private static final int CAP = 3;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final DeviceStateTable devices = new DeviceStateTable(clock);
    private final MwiTable mailboxes = new MwiTable(clock);
    private final Counters counters = new Counters(clock);
    private final List<EntityId> refreshes = new ArrayList<>();
    private final List<EntityBareJid> learned = new ArrayList<>();
    private final EntityBindings bindings = new EntityBindings();
    private final ItemMerger merger = new ItemMerger("test", jid("site1@example.com"),
            j -> List.of(jid("site2@example.com"), jid("site3@example.com")).contains(j), OWN, devices, mailboxes,
            counters, bindings, r -> refreshes.add(r.eid()), learned::add,
            new RateLimitedLog(LoggerFactory.getLogger("test"), clock, Duration.ofSeconds(10)), CAP, CAP);

    private static EntityBareJid jid(String s) {
        try {
            return JidCreate.entityBareFrom(s);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final WatchedNode SHARED = new WatchedNode("device_state", NodeKind.DEVICE_STATE, Optional.empty());
    private static final WatchedNode SITE2_NODE = new WatchedNode("device_state/site2@example.com",
            NodeKind.DEVICE_STATE, Optional.of(jid("site2@example.com")));
    private static final WatchedNode SITE3_NODE = new WatchedNode("device_state/site3@example.com",
            NodeKind.DEVICE_STATE, Optional.of(jid("site3@example.com")));

    private void live(WatchedNode node, String id, ExtensionElement payload) {
        merger.merge(ReceivedItem.live(node, id, payload));
    }

    private static final WatchedNode SHARED_MAILBOXES = new WatchedNode("message_waiting", NodeKind.MAILBOX,
            Optional.empty());
    private static final WatchedNode SITE2_MAILBOXES = new WatchedNode("message_waiting/site2@example.com",
            NodeKind.MAILBOX, Optional.of(jid("site2@example.com")));

    @Test
    void aSiteBeyondItsCapGetsNoNewDevicesButKeepsUpdatingItsOwnAndOtherSitesAreUnaffected() {
        for (int i = 0; i < CAP + 2; i++) {
            live(SITE2_NODE, "SIP/" + i, new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        }
        assertThat(devices.statesOf(SITE2)).hasSize(CAP);
        assertThat(counters.get(Counters.Counter.SITE_CAP_REACHED)).isEqualTo(2);
        live(SITE2_NODE, "SIP/0", new DeviceStateElement(DeviceState.BUSY, SITE2, true));
        assertThat(devices.state("SIP/0", SITE2)).contains(DeviceState.BUSY);
        live(SITE3_NODE, "SIP/4", new DeviceStateElement(DeviceState.RINGING, SITE3, true));
        assertThat(devices.state("SIP/4", SITE3)).contains(DeviceState.RINGING);
        for (int i = 0; i < CAP + 1; i++) {
            live(SITE2_MAILBOXES, i + "@default", new MailboxElement(SITE2, 1, 0));
        }
        assertThat(mailboxes.countsOf(SITE2)).hasSize(CAP);
        assertThat(counters.get(Counters.Counter.SITE_CAP_REACHED)).isEqualTo(3);
    }

    @Test
    void aBuddysLiveStampedItemsAreMeasuredPerSiteAndFetchedOrUnstampedOnesAreNot() {
        List<String> measured = new ArrayList<>();
        counters.propagation().sendTo((site, delay) -> measured.add(site + " " + delay.toMillis()));
        PublishTime sent = PublishTime.at(clock.instant().minusMillis(40));

        live(SITE2_NODE, "SIP/1", new DeviceStateElement(DeviceState.INUSE, SITE2, true).publishedAt(sent));
        live(SITE2_MAILBOXES, "1000@default", new MailboxElement(SITE2, 1, 0).publishedAt(sent));
        merger.merge(ReceivedItem.fetched(SITE2_NODE, "SIP/2", new DeviceStateElement(DeviceState.BUSY, SITE2, true)
                .publishedAt(sent), clock.millis()));
        live(SITE3_NODE, "SIP/3", new DeviceStateElement(DeviceState.RINGING, SITE3, true));

        assertThat(measured).containsExactly("site2@example.com 40", "site2@example.com 40");
        assertThat(devices.state("SIP/2", SITE2)).contains(DeviceState.BUSY);
        assertThat(counters.propagation().count(PropagationDelays.Outcome.ABSENT)).isEqualTo(1);
    }

    @Test
    void anAbsurdPublishTimeIsCountedAndIgnoredButTheItemIsApplied() {
        List<String> measured = new ArrayList<>();
        counters.propagation().sendTo((site, delay) -> measured.add(site + " " + delay.toMillis()));

        live(SITE2_NODE, "SIP/1", new DeviceStateElement(DeviceState.INUSE, SITE2, true)
                .publishedAt(PublishTime.at(clock.instant().plus(Duration.ofDays(365)))));
        live(SITE2_NODE, "SIP/2", new DeviceStateElement(DeviceState.BUSY, SITE2, true)
                .publishedAt(PublishTime.parse("not a time")));
        live(SITE2_NODE, "SIP/3", new DeviceStateElement(DeviceState.RINGING, SITE2, true)
                .publishedAt(PublishTime.at(clock.instant().plusMillis(300))));

        assertThat(measured).containsExactly("site2@example.com 0");
        assertThat(devices.state("SIP/1", SITE2)).contains(DeviceState.INUSE);
        assertThat(devices.state("SIP/2", SITE2)).contains(DeviceState.BUSY);
        assertThat(counters.propagation().snapshot()).containsEntry(PropagationDelays.Outcome.FUTURE, 1L)
                .containsEntry(PropagationDelays.Outcome.UNREADABLE, 1L)
                .containsEntry(PropagationDelays.Outcome.CLAMPED, 1L);
    }

    @Test
    void entriesTheTableDroppedNoLongerCountAgainstTheCap() {
        for (int i = 0; i < CAP; i++) {
            live(SITE2_NODE, "SIP/" + i, new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        }
        devices.removeEntity(SITE2);
        live(SITE2_NODE, "SIP/new", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        assertThat(devices.state("SIP/new", SITE2)).contains(DeviceState.INUSE);
        assertThat(counters.get(Counters.Counter.SITE_CAP_REACHED)).isZero();
    }

    @Test
    void aMailboxOnADeviceStateNodeAndADeviceStateOnAMailboxNodeAreRejected() {
        live(SITE2_NODE, "1000@default", new MailboxElement(SITE2, 3, 1));
        live(SITE2_MAILBOXES, "SIP/100", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        assertThat(mailboxes.snapshot("1000@default")).isEmpty();
        assertThat(devices.snapshot("SIP/100")).isEmpty();
        assertThat(counters.rejections(RejectReason.WRONG_NODE)).isEqualTo(2);
    }

    @Test
    void remoteStateIsAppliedUnderItsEntityId() {
        live(SHARED, "SIP/100", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.INUSE);
        assertThat(counters.get(Counters.Counter.ITEMS_APPLIED)).isEqualTo(1);
    }

    @Test
    void itemOnABuddysNodePublishedBySomeoneElseIsDroppedAndCounted() {
        // A PubSub admin (prosody makes them owners of every node) publishing in site2's name.
        merger.merge(ReceivedItem.live(SITE2_NODE, "SIP/666", new DeviceStateElement(DeviceState.BUSY, SITE2, true),
                Optional.of(jid("admin@example.com"))));
        merger.merge(ReceivedItem.fetched(SITE2_NODE, "SIP/667", new DeviceStateElement(DeviceState.BUSY, SITE2, true),
                0, Optional.of(jid("site3@example.com"))));
        assertThat(devices.snapshot("SIP/666")).isEmpty();
        assertThat(devices.snapshot("SIP/667")).isEmpty();
        assertThat(counters.get(Counters.Counter.FORGED_PUBLISHER)).isEqualTo(2);
        assertThat(bindings.eidOf(jid("admin@example.com"))).isEmpty();
    }

    @Test
    void itemOnABuddysNodePublishedByItsOwnerIsApplied() {
        merger.merge(ReceivedItem.live(SITE2_NODE, "SIP/100", new DeviceStateElement(DeviceState.BUSY, SITE2, true),
                Optional.of(jid("site2@example.com"))));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.BUSY);
        assertThat(counters.get(Counters.Counter.FORGED_PUBLISHER)).isZero();
    }

    @Test
    void ownEchoOnSharedNodeIsIgnored() {
        live(SHARED, "SIP/100", new DeviceStateElement(DeviceState.INUSE, OWN, true));
        assertThat(devices.snapshot("SIP/100")).isEmpty();
        assertThat(counters.get(Counters.Counter.ECHOES_IGNORED)).isEqualTo(1);
    }

    @Test
    void ownEntityIdOnABuddysNodeIsADuplicateEntityId() {
        live(SITE2_NODE, "SIP/100", new DeviceStateElement(DeviceState.INUSE, OWN, true));
        assertThat(devices.snapshot("SIP/100")).isEmpty();
        assertThat(counters.get(Counters.Counter.DUPLICATE_EID)).isEqualTo(1);
    }

    @Test
    void aBuddyPublishingAnotherSitesEntityIdIsDroppedAsForged() {
        live(SITE2_NODE, "SIP/1", new DeviceStateElement(DeviceState.BUSY, SITE2, true));
        live(SITE3_NODE, "SIP/3", new DeviceStateElement(DeviceState.BUSY, SITE3, true));
        live(SITE2_NODE, "SIP/3", new DeviceStateElement(DeviceState.NOT_INUSE, SITE3, true));
        live(SITE3_NODE, "SIP/9", new DeviceStateElement(DeviceState.RINGING, SITE2, true));
        assertThat(devices.state("SIP/3", SITE3)).contains(DeviceState.BUSY);
        assertThat(devices.snapshot("SIP/9")).isEmpty();
        assertThat(counters.get(Counters.Counter.FORGED_EID)).isEqualTo(2);
    }

    @Test
    void malformedItemsAreCountedByReasonAndDropped() {
        live(SHARED, "", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        live(SHARED, "SIP/1", new RejectedPayload("state", RejectReason.UNKNOWN_STATE, "FOO"));
        live(SHARED, "SIP/1", null);
        live(SHARED, "SIP/1\u202e0", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        assertThat(devices.deviceCount()).isZero();
        assertThat(counters.rejections(RejectReason.BAD_ITEM_ID)).isEqualTo(1);
        assertThat(counters.rejections(RejectReason.UNKNOWN_STATE)).isEqualTo(1);
        assertThat(counters.rejections(RejectReason.MISSING_PAYLOAD)).isEqualTo(1);
        assertThat(counters.rejections(RejectReason.LOOK_ALIKE_NAME)).isEqualTo(1);
        assertThat(counters.get(Counters.Counter.ITEMS_REJECTED)).isEqualTo(4);
    }

    @Test
    void fetchedItemNeverOverwritesALiveUpdateMadeAfterTheFetchBegan() {
        long fetchStarted = clock.millis();
        clock.advance(Duration.ofMillis(5));
        live(SHARED, "SIP/100", new DeviceStateElement(DeviceState.NOT_INUSE, SITE2, true));
        merger.merge(ReceivedItem.fetched(SHARED, "SIP/100", new DeviceStateElement(DeviceState.INUSE, SITE2, true),
                fetchStarted));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.NOT_INUSE);
        assertThat(counters.get(Counters.Counter.STALE_RESYNC_ITEMS)).isEqualTo(1);
    }

    @Test
    void fetchedItemReplacesAnEntryOlderThanTheFetch() {
        live(SHARED, "SIP/100", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        clock.advance(Duration.ofSeconds(1));
        merger.merge(ReceivedItem.fetched(SHARED, "SIP/100", new DeviceStateElement(DeviceState.NOT_INUSE, SITE2, true),
                clock.millis()));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.NOT_INUSE);
    }

    @Test
    void mailboxIsAppliedAndStaleFetchedMailboxIsSkipped() {
        long fetchStarted = clock.millis();
        live(SHARED_MAILBOXES, "1000@default", new MailboxElement(SITE2, 3, 5));
        merger.merge(ReceivedItem.fetched(SHARED_MAILBOXES, "1000@default", new MailboxElement(SITE2, 0, 0), fetchStarted));
        assertThat(mailboxes.effective("1000@default")).contains(new MwiCounts(3, 5));
    }

    @Test
    void liveRefreshRequestFromAPeerAsksForARepublishButOwnAndFetchedOnesDoNot() {
        live(SHARED, RefreshRequestElement.itemIdFor(SITE2), new RefreshRequestElement(SITE2, "n1"));
        live(SHARED, RefreshRequestElement.itemIdFor(OWN), new RefreshRequestElement(OWN, "n2"));
        merger.merge(ReceivedItem.fetched(SHARED, RefreshRequestElement.itemIdFor(SITE3),
                new RefreshRequestElement(SITE3, "n3"), clock.millis()));
        assertThat(refreshes).containsExactly(SITE2);
        assertThat(counters.get(Counters.Counter.REFRESH_REQUESTS)).isEqualTo(1);
    }

    @Test
    void aRefreshRequestFetchedAfterALateSubscriptionIsAnsweredForItNeverReachedUsLive() {
        // We subscribed to SITE3's node only after our set-up: its request, published meanwhile, was answered
        // by the others but not by us, and a restarted SITE3 would lack our states for good.
        merger.merge(ReceivedItem.fetchedAfterLateSubscription(SHARED, RefreshRequestElement.itemIdFor(SITE3),
                new RefreshRequestElement(SITE3, "n3"), clock.millis(), Optional.empty()));

        assertThat(refreshes).containsExactly(SITE3);
    }

    private void published(String publisher, String id, ExtensionElement payload) {
        merger.merge(ReceivedItem.live(SHARED, id, payload, Optional.of(jid(publisher))));
    }

    @Test
    void sharedNodeItemNamingABuddyAsPublisherBindsItsEntityId() {
        published("site2@example.com", "SIP/100", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        assertThat(devices.state("SIP/100", SITE2)).contains(DeviceState.INUSE);
        assertThat(bindings.eidOf(jid("site2@example.com"))).contains(SITE2);
        assertThat(learned).containsExactly(jid("site2@example.com"));
    }

    @Test
    void sharedNodeItemFromANonBuddyPublisherIsDroppedAndCounted() {
        published("mallory@example.com", "SIP/100", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        assertThat(devices.snapshot("SIP/100")).isEmpty();
        assertThat(counters.get(Counters.Counter.NOT_A_BUDDY)).isEqualTo(1);
    }

    @Test
    void sharedNodeItemWithOurEntityIdFromABuddyIsADuplicateEntityId() {
        published("site2@example.com", "SIP/100", new DeviceStateElement(DeviceState.INUSE, OWN, true));
        assertThat(devices.snapshot("SIP/100")).isEmpty();
        assertThat(counters.get(Counters.Counter.DUPLICATE_EID)).isEqualTo(1);
        assertThat(counters.get(Counters.Counter.ECHOES_IGNORED)).isZero();
    }

    @Test
    void sharedNodeItemPublishedByOurselvesIsAnEcho() {
        published("site1@example.com", "SIP/100", new DeviceStateElement(DeviceState.INUSE, OWN, true));
        assertThat(devices.snapshot("SIP/100")).isEmpty();
        assertThat(counters.get(Counters.Counter.ECHOES_IGNORED)).isEqualTo(1);
        assertThat(counters.get(Counters.Counter.DUPLICATE_EID)).isZero();
    }

    @Test
    void sharedNodeItemForgingAnotherBuddysEntityIdIsDropped() {
        published("site2@example.com", "SIP/1", new DeviceStateElement(DeviceState.BUSY, SITE2, true));
        published("site3@example.com", "SIP/1", new DeviceStateElement(DeviceState.INUSE, SITE2, true));
        assertThat(devices.state("SIP/1", SITE2)).contains(DeviceState.BUSY);
        assertThat(counters.get(Counters.Counter.FORGED_EID)).isEqualTo(1);
    }
}
