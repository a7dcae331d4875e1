package org.statefed.xmpp;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jxmpp.jid.EntityBareJid;
import org.statefed.link.RateLimitedLog;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiEntry;
import org.statefed.state.MwiTable;
import org.statefed.state.Origin;
import org.statefed.wire.DecodedItem;
import org.statefed.wire.DeviceStateElement;
import org.statefed.wire.DeviceStateItem;
import org.statefed.wire.ItemDecoder;
import org.statefed.wire.MailboxElement;
import org.statefed.wire.MailboxItem;
import org.statefed.wire.PublishTime;
import org.statefed.wire.RefreshRequestElement;
import org.statefed.wire.RejectedItem;
import org.statefed.wire.RejectReason;
import org.statefed.wire.RejectedPayload;

/**
 * Validates received items and applies the good ones to the state tables. Every other item gets a
 * defined outcome: counted, logged (rate-limited, naming node and item) and dropped. Runs on one
 * merge thread per node, never on Smack's threads.
 */
final class ItemMerger {
    private final String account;
    /** Every entry merged here is tagged with this link (the client section) as its origin. */
    private final Origin origin;
    private final EntityBareJid self;
    private final Predicate<EntityBareJid> isBuddy;
    private final EntityId ownEid;
    private final DeviceStateTable devices;
    private final MwiTable mailboxes;
    private final Counters counters;
    private final EntityBindings bindings;
    private final Consumer<RefreshRequestElement> refreshRequested;
    private final Consumer<EntityBareJid> eidLearned;
    private final RateLimitedLog badInput;
    private final SiteQuota deviceQuota;
    private final SiteQuota mailboxQuota;
    private final Predicate<EntityId> publishedByUs;
    private final Predicate<EntityBareJid> relaysOurEid;
    private final RefusedItems refused;

    /**
     * @param self our own account, whose items are echoes
     * @param isBuddy who may publish to us
     * @param eidLearned told (on the merge thread) when a buddy's entity id becomes known from its items
     */
    ItemMerger(String account, EntityBareJid self, Predicate<EntityBareJid> isBuddy, EntityId ownEid,
            DeviceStateTable devices, MwiTable mailboxes, Counters counters, EntityBindings bindings,
            Consumer<RefreshRequestElement> refreshRequested, Consumer<EntityBareJid> eidLearned, RateLimitedLog badInput,
            int maxDevicesPerSite, int maxMailboxesPerSite) {
        this(account, self, isBuddy, ownEid, devices, mailboxes, counters, bindings, refreshRequested, eidLearned,
                badInput, maxDevicesPerSite, maxMailboxesPerSite, eid -> false, buddy -> false);
    }

    ItemMerger(String account, EntityBareJid self, Predicate<EntityBareJid> isBuddy, EntityId ownEid,
            DeviceStateTable devices, MwiTable mailboxes, Counters counters, EntityBindings bindings,
            Consumer<RefreshRequestElement> refreshRequested, Consumer<EntityBareJid> eidLearned, RateLimitedLog badInput,
            int maxDevicesPerSite, int maxMailboxesPerSite, Predicate<EntityId> publishedByUs,
            Predicate<EntityBareJid> relaysOurEid) {
        this(account, self, isBuddy, ownEid, devices, mailboxes, counters, bindings, refreshRequested, eidLearned,
                badInput, maxDevicesPerSite, maxMailboxesPerSite, publishedByUs, relaysOurEid, RefusedItems.none());
    }

    /**
     * @param publishedByUs the entity ids this site bridges onto the WAN: an item under one of them is our own
     *                      echo or another bridge's copy of our LAN server's state (the LAN is the source)
     * @param relaysOurEid  buddies that announced our own entity id as bridged (a bridge on a LAN we share):
     *                      their copies of our states are dropped quietly, not reported as a duplicate id
     * @param refused       where items under an entity id nobody speaks for yet wait for the presence that
     *                      binds it ({@link #eidsBound})
     */
    ItemMerger(String account, EntityBareJid self, Predicate<EntityBareJid> isBuddy, EntityId ownEid,
            DeviceStateTable devices, MwiTable mailboxes, Counters counters, EntityBindings bindings,
            Consumer<RefreshRequestElement> refreshRequested, Consumer<EntityBareJid> eidLearned, RateLimitedLog badInput,
            int maxDevicesPerSite, int maxMailboxesPerSite, Predicate<EntityId> publishedByUs,
            Predicate<EntityBareJid> relaysOurEid, RefusedItems refused) {
        this.refused = refused;
        this.publishedByUs = publishedByUs;
        this.relaysOurEid = relaysOurEid;
        this.account = account;
        this.origin = new Origin(account);
        this.self = self;
        this.isBuddy = isBuddy;
        this.eidLearned = eidLearned;
        this.ownEid = ownEid;
        this.devices = devices;
        this.mailboxes = mailboxes;
        this.counters = counters;
        this.bindings = bindings;
        this.refreshRequested = refreshRequested;
        this.badInput = badInput;
        this.deviceQuota = new SiteQuota(maxDevicesPerSite, (device, eid) -> devices.state(device, eid).isPresent());
        this.mailboxQuota = new SiteQuota(maxMailboxesPerSite, (mailbox, eid) -> mailboxes.counts(mailbox, eid).isPresent());
    }

    /**
     * {@code buddy}'s presence now binds {@code eids} to it: items it published under them a moment before,
     * refused then as nobody's, are applied now.
     */
    void eidsBound(EntityBareJid buddy, java.util.Set<EntityId> eids) {
        for (ReceivedItem item : refused.release(buddy, eids)) {
            merge(item);
        }
    }

    void merge(ReceivedItem item) {
        if (item.payload() instanceof RefreshRequestElement refresh) {
            mergeRefresh(item, refresh);
            return;
        }
        if (item.payload() instanceof RejectedPayload rejected && RefreshRequestElement.ELEMENT.equals(rejected.elementName())) {
            counters.rejected(rejected.reason());
            badInput.warn("refresh:" + item.node().node(), "[{}] dropped a malformed refresh request on node {}: {}",
                    account, item.node().node(), rejected.detail());
            return;
        }
        DecodedItem decoded = ItemDecoder.decode(item.itemId(), item.payload());
        if (decoded instanceof RejectedItem rejected) {
            counters.rejected(rejected.reason());
            badInput.warn("reject:" + item.node().node() + ":" + rejected.reason(),
                    "[{}] dropped item '{}' on node {}: {} ({})", account, rejected.itemId(), item.node().node(),
                    rejected.reason().description(), rejected.detail());
        } else if (decoded instanceof DeviceStateItem state) {
            if (onWrongNode(item, NodeKind.DEVICE_STATE, state.device())) {
                return;
            }
            if (acceptedFrom(item, state.eid(), state.device())) {
                mergeDeviceState(item, state);
            }
        } else if (decoded instanceof MailboxItem mailbox) {
            if (onWrongNode(item, NodeKind.MAILBOX, mailbox.mailbox())) {
                return;
            }
            if (acceptedFrom(item, mailbox.eid(), mailbox.mailbox())) {
                mergeMailbox(item, mailbox);
            }
        }
    }

    /** A device state belongs on a device state node, a mailbox on a mailbox node: anything else is dropped. */
    private boolean onWrongNode(ReceivedItem item, NodeKind carried, String what) {
        if (item.node().kind() == carried) {
            return false;
        }
        counters.rejected(RejectReason.WRONG_NODE);
        badInput.warn("wrong-node:" + item.node().node(), "[{}] dropped item '{}' on node {}: {}", account, what,
                item.node().node(), RejectReason.WRONG_NODE.description());
        return true;
    }

    private void mergeRefresh(ReceivedItem item, RefreshRequestElement refresh) {
        if (refresh.eid().equals(ownEid)) {
            counters.increment(Counters.Counter.ECHOES_IGNORED);
            return;
        }
        if (!item.live() && !item.afterLateSubscription()) {
            // A persisted request is history: its sender already got its answer. Not from us, though, when we
            // subscribed to its node only later: it is answered then (our digest tells whether it still lacks
            // anything of ours).
            return;
        }
        if (!acceptedFrom(item, refresh.eid(), "refresh")) {
            return;
        }
        counters.increment(Counters.Counter.REFRESH_REQUESTS);
        refreshRequested.accept(refresh);
    }

    /**
     * Own echoes, items from non-buddies, items on a buddy's node published by someone else, duplicate and
     * forged entity ids are dropped here; true means the item may be applied. Who answers for an item: the node's owner (per-site layout) or the
     * publisher the server names (shared layout); when neither is known only the echo check applies.
     */
    private boolean acceptedFrom(ReceivedItem item, EntityId eid, String what) {
        if (item.node().owner().isPresent() && item.publisher().isPresent()
                && !item.publisher().equals(item.node().owner())) {
            // Servers let more than the owner publish on a node: prosody makes every PubSub admin an owner of
            // every node. Where the server names the publisher, only the owner speaks for the node.
            counters.increment(Counters.Counter.FORGED_PUBLISHER);
            badInput.warn("forged-publisher:" + item.publisher().get(), "[{}] dropped item '{}' on node {}: published "
                    + "by {}, not by the node's owner {} (a PubSub admin can publish on any node); not applied",
                    account, what, item.node().node(), item.publisher().get(), item.node().owner().get());
            return false;
        }
        Optional<EntityBareJid> from = item.answerable();
        if (publishedByUs.test(eid)) {
            // Our LAN is the source of this entity id's states: a copy over the WAN is our own publication
            // coming back, or another bridge on the same LAN publishing it too; either can only be older.
            counters.increment(Counters.Counter.ECHOES_IGNORED);
            return false;
        }
        if (from.isPresent() && from.get().equals(self)) {
            if (eid.equals(ownEid)) {
                counters.increment(Counters.Counter.ECHOES_IGNORED);
                return false;
            }
            return true;
        }
        if (from.isPresent() && !isBuddy.test(from.get())) {
            counters.increment(Counters.Counter.NOT_A_BUDDY);
            badInput.warn("not-a-buddy:" + from.get(), "[{}] dropped item '{}' on node {} published by {}, which is "
                    + "not a buddy of this account", account, what, item.node().node(), from.get());
            return false;
        }
        if (eid.equals(ownEid)) {
            if (from.isPresent() && relaysOurEid.test(from.get())) {
                counters.increment(Counters.Counter.ECHOES_IGNORED);
            } else if (from.isPresent()) {
                counters.increment(Counters.Counter.DUPLICATE_EID);
                badInput.error("duplicate-eid:" + from.get(),
                        "[{}] {} publishes items with OUR entity id {} (item '{}' on node {}): two sites share one "
                                + "entityid, so each drops the other's events; give every site its own entityid in "
                                + "[general]", account, from.get(), eid, what, item.node().node());
            } else {
                counters.increment(Counters.Counter.ECHOES_IGNORED);
            }
            return false;
        }
        if (from.isPresent()) {
            boolean known = bindings.eidOf(from.get()).isPresent();
            if (bindings.check(from.get(), eid) == EntityBindings.Verdict.FORGED) {
                counters.increment(Counters.Counter.FORGED_EID);
                if (bindings.buddyOf(eid).isEmpty() && item.live()) {
                    // Nobody's yet: the presence that binds it may trail this item (see RefusedItems).
                    refused.hold(from.get(), eid, item);
                }
                badInput.warn("forged:" + from.get(),
                        "[{}] dropped item '{}' from {} on node {}: entity id {} does not belong to {} (it is {}'s; "
                                + "{} uses {})", account, what, from.get(), item.node().node(), eid, from.get(),
                        bindings.buddyOf(eid).map(Object::toString).orElse("nobody"),
                        from.get(), bindings.eidOf(from.get()).map(Object::toString).orElse("none"));
                return false;
            }
            if (!known) {
                eidLearned.accept(from.get());
            }
        }
        return true;
    }

    /**
     * A fetched item never overwrites an entry that a live event updated after the fetch began; such an
     * item is counted and skipped.
     */
    private boolean olderThanTable(ReceivedItem fetched, Optional<Instant> entryUpdatedAt) {
        if (entryUpdatedAt.isPresent() && entryUpdatedAt.get().toEpochMilli() >= fetched.resyncStartedMillis()) {
            counters.increment(Counters.Counter.STALE_RESYNC_ITEMS);
            return true;
        }
        return false;
    }

    private boolean withinQuota(SiteQuota quota, ReceivedItem item, EntityId eid, String key, String what, String setting) {
        if (quota.admits(eid, key)) {
            return true;
        }
        counters.increment(Counters.Counter.SITE_CAP_REACHED);
        badInput.warn("cap:" + setting + ":" + eid, "[{}] refused '{}' on node {}: entity id {} already has {} {} in "
                + "this site's table ({} in [general])", account, key, item.node().node(), eid, quota.max(), what, setting);
        return false;
    }

    private void mergeDeviceState(ReceivedItem item, DeviceStateItem state) {
        if (!item.live() && olderThanTable(item, devices.snapshot(state.device()).flatMap(s -> s.entries().stream()
                .filter(e -> e.eid().equals(state.eid())).findFirst()).map(EntrySnapshot::updatedAt))) {
            return;
        }
        if (!withinQuota(deviceQuota, item, state.eid(), state.device(), "devices", "max_devices_per_site")) {
            return;
        }
        devices.update(state.device(), state.eid(), state.state(), state.cachable(), origin);
        counters.increment(Counters.Counter.ITEMS_APPLIED);
        observePropagation(item);
    }

    private void mergeMailbox(ReceivedItem item, MailboxItem mailbox) {
        if (!item.live() && olderThanTable(item, mailboxes.snapshot(mailbox.mailbox()).flatMap(s -> s.entries()
                .stream().filter(e -> e.eid().equals(mailbox.eid())).findFirst()).map(MwiEntry::updatedAt))) {
            return;
        }
        if (!withinQuota(mailboxQuota, item, mailbox.eid(), mailbox.mailbox(), "mailboxes", "max_mailboxes_per_site")) {
            return;
        }
        mailboxes.update(mailbox.mailbox(), mailbox.eid(), new MwiCounts(mailbox.newMessages(), mailbox.oldMessages()),
                origin);
        counters.increment(Counters.Counter.ITEMS_APPLIED);
        observePropagation(item);
    }

    /**
     * Measures how long an applied item took from a buddy to us. Only live events count (a fetched item is as
     * old as the last change), and only a buddy's, so the site label stays within the configured buddies.
     */
    private void observePropagation(ReceivedItem item) {
        Optional<EntityBareJid> from = item.answerable();
        if (!item.live() || from.isEmpty() || from.get().equals(self) || !isBuddy.test(from.get())) {
            return;
        }
        PublishTime published = item.payload() instanceof DeviceStateElement state ? state.published()
                : item.payload() instanceof MailboxElement mailbox ? mailbox.published() : PublishTime.ABSENT;
        PropagationDelays.Outcome outcome = counters.propagation().observe(from.get().toString(), published);
        if (outcome.ignored()) {
            badInput.warn("publish-time:" + from.get() + ":" + outcome, "[{}] ignored the publish time of item '{}' "
                    + "from {} on node {} ({}): {}; the item itself was applied", account, item.itemId(), from.get(),
                    item.node().node(), outcome.label(), published.problem().orElse(
                            published.instant().map(Object::toString).orElse("") + " is not within "
                                    + PropagationDelays.MAX_SKEW.toMinutes() + " min ahead or "
                                    + PropagationDelays.MAX_AGE.toMinutes() + " min behind our clock"));
        }
    }
}
