package org.statefed.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.statefed.state.DeviceSnapshot;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateListener;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.state.MailboxSnapshot;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiEntry;
import org.statefed.state.MwiListener;
import org.statefed.state.MwiTable;
import org.statefed.state.Origin;

/**
 * The one table listener that sends: every entry a link learned goes to the links the
 * {@link ForwardingRule} routes it to, with its original entity id. It remembers the reach each entity id
 * was first seen on (the loop breaker of the rules).
 *
 * <p>This site's own changes ({@link Origin#LOCAL}) are not sent from the listener: the node sends them
 * through {@link #sendLocal} on the caller's thread, outside the table's lock, so the XMPP link can publish
 * at once (the latency-critical path). Everything else is sent from the listener, on the thread that changed
 * the table while it holds the entry's lock: links only enqueue there (see {@link Link}).
 */
public final class Router {
    private final EntityId ownEid;
    private final List<Link> links;
    private final Map<String, Link> byName = new HashMap<>();
    private final Map<EntityId, Reach> firstSeen = new ConcurrentHashMap<>();
    private final java.util.function.Predicate<EntityId> wanSiteOwn;
    private final WanSendable wanDevices = new WanSendable();
    private final WanSendable wanMailboxes = new WanSendable();

    public Router(EntityId ownEid, List<Link> links) {
        this(ownEid, links, eid -> false);
    }

    /**
     * @param wanSiteOwn whether an entity id is a WAN site's own (an XMPP buddy's, from its presence or
     *                   items). Not the ids a buddy bridges: a second bridge on our own LAN bridges our LAN
     *                   servers' ids too, and those must stay LAN here.
     */
    public Router(EntityId ownEid, List<Link> links, java.util.function.Predicate<EntityId> wanSiteOwn) {
        this.wanSiteOwn = wanSiteOwn;
        this.ownEid = ownEid;
        this.links = List.copyOf(links);
        for (Link link : this.links) {
            if (byName.put(link.name(), link) != null) {
                throw new IllegalArgumentException("two links are named '" + link.name() + "'");
            }
            if (link.name().equals(Origin.LOCAL.link()) || link.name().equals(Origin.RESTORED.link())) {
                throw new IllegalArgumentException("a link may not be named '" + link.name() + "': reserved");
            }
        }
    }

    /** Subscribes to both tables. */
    public void attach(DeviceStateTable devices, MwiTable mailboxes) {
        devices.addListener(new DeviceStateListener() {
            @Override
            public void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable, Origin origin) {
                Router.this.deviceChanged(device, eid, state, cachable, origin);
            }

            @Override
            public void entryRemoved(String device, EntityId eid) {
                Router.this.deviceRemoved(device, eid);
            }
        });
        mailboxes.addListener(new MwiListener() {
            @Override
            public void entryChanged(String mailbox, EntityId eid, MwiCounts counts, Origin origin) {
                Router.this.mailboxChanged(mailbox, eid, counts, origin);
            }

            @Override
            public void entryRemoved(String mailbox, EntityId eid) {
                Router.this.mailboxRemoved(mailbox, eid);
            }
        });
    }

    /** Sends one of this site's own device states to every link (the node's local path). */
    public void sendLocal(DeviceStateUpdate update) {
        firstSeen.putIfAbsent(update.eid(), Reach.LOCAL);
        for (Link link : links) {
            if (ForwardingRule.sends(Reach.LOCAL, Reach.LOCAL, link.reach(), false)) {
                link.sendDeviceState(update);
            }
        }
    }

    /** Sends one of this site's own mailboxes to every link (the node's local path). */
    public void sendLocal(MailboxUpdate update) {
        firstSeen.putIfAbsent(update.eid(), Reach.LOCAL);
        for (Link link : links) {
            if (ForwardingRule.sends(Reach.LOCAL, Reach.LOCAL, link.reach(), false)) {
                link.sendMailbox(update);
            }
        }
    }

    /** A table entry changed: sent where the rules say, unless it is this site's own (see the class comment). */
    void deviceChanged(String device, EntityId eid, DeviceState state, boolean cachable, Origin origin) {
        Reach from = reachOf(origin, eid);
        wanDevices.changed(device, eid, from);
        if (from == null || from == Reach.LOCAL) {
            return;
        }
        Reach first = home(eid, from);
        DeviceStateUpdate update = null;
        for (Link link : links) {
            if (ForwardingRule.sends(from, first, link.reach(), link.name().equals(origin.link()))) {
                if (update == null) {
                    update = new DeviceStateUpdate(device, eid, state, cachable);
                }
                link.sendDeviceState(update);
            }
        }
    }

    void deviceRemoved(String device, EntityId eid) {
        wanDevices.removed(device, eid);
        for (Link link : links) {
            link.forgetDeviceState(device, eid);
        }
    }

    void mailboxChanged(String mailbox, EntityId eid, MwiCounts counts, Origin origin) {
        Reach from = reachOf(origin, eid);
        wanMailboxes.changed(mailbox, eid, from);
        if (from == null || from == Reach.LOCAL) {
            return;
        }
        Reach first = home(eid, from);
        MailboxUpdate update = null;
        for (Link link : links) {
            if (ForwardingRule.sends(from, first, link.reach(), link.name().equals(origin.link()))) {
                if (update == null) {
                    update = new MailboxUpdate(mailbox, eid, counts);
                }
                link.sendMailbox(update);
            }
        }
    }

    void mailboxRemoved(String mailbox, EntityId eid) {
        wanMailboxes.removed(mailbox, eid);
        for (Link link : links) {
            link.forgetMailbox(mailbox, eid);
        }
    }

    /**
     * Entries {@link DeviceStateTable#restore restored} from the state file fire no entry events: the ones a
     * WAN link carries (this site's own) are recorded here once, after the restore and before links start.
     */
    public void restored(DeviceStateTable devices, MwiTable mailboxes) {
        for (DeviceSnapshot device : devices.snapshot()) {
            for (EntrySnapshot entry : device.entries()) {
                wanDevices.changed(device.device(), entry.eid(), reachOf(entry.origin(), entry.eid()));
            }
        }
        for (MailboxSnapshot mailbox : mailboxes.snapshot()) {
            for (MwiEntry entry : mailbox.entries()) {
                wanMailboxes.changed(mailbox.mailbox(), entry.eid(), reachOf(entry.origin(), entry.eid()));
            }
        }
    }

    /**
     * Every device state the rules let {@code link} carry, each with its original entity id, sorted by
     * device. A WAN link carries only what was learned locally or on a LAN link: that is read from an index
     * of those entries, not from the whole table (republish and refresh answers at many sites).
     */
    public List<DeviceStateUpdate> deviceStatesFor(Link link, DeviceStateTable devices) {
        List<DeviceStateUpdate> out = new ArrayList<>();
        if (link.reach() == Reach.WAN) {
            for (Map.Entry<EntityId, String> key : wanDevices.entries()) {
                devices.snapshot(key.getValue()).ifPresent(device -> {
                    for (EntrySnapshot entry : device.entries()) {
                        if (entry.eid().equals(key.getKey()) && carries(link, entry.origin(), entry.eid())) {
                            out.add(new DeviceStateUpdate(device.device(), entry.eid(), entry.state(), entry.cachable()));
                        }
                    }
                });
            }
            out.sort(java.util.Comparator.comparing(DeviceStateUpdate::device));
            return out;
        }
        for (DeviceSnapshot device : devices.snapshot()) {
            for (EntrySnapshot entry : device.entries()) {
                if (carries(link, entry.origin(), entry.eid())) {
                    out.add(new DeviceStateUpdate(device.device(), entry.eid(), entry.state(), entry.cachable()));
                }
            }
        }
        return out;
    }

    /** Every mailbox the rules let {@code link} carry, each with its original entity id; as {@link #deviceStatesFor}. */
    public List<MailboxUpdate> mailboxesFor(Link link, MwiTable mailboxes) {
        List<MailboxUpdate> out = new ArrayList<>();
        if (link.reach() == Reach.WAN) {
            for (Map.Entry<EntityId, String> key : wanMailboxes.entries()) {
                mailboxes.snapshot(key.getValue()).ifPresent(mailbox -> {
                    for (MwiEntry entry : mailbox.entries()) {
                        if (entry.eid().equals(key.getKey()) && carries(link, entry.origin(), entry.eid())) {
                            out.add(new MailboxUpdate(mailbox.mailbox(), entry.eid(), entry.counts()));
                        }
                    }
                });
            }
            out.sort(java.util.Comparator.comparing(MailboxUpdate::mailbox));
            return out;
        }
        for (MailboxSnapshot mailbox : mailboxes.snapshot()) {
            for (MwiEntry entry : mailbox.entries()) {
                if (carries(link, entry.origin(), entry.eid())) {
                    out.add(new MailboxUpdate(mailbox.mailbox(), entry.eid(), entry.counts()));
                }
            }
        }
        return out;
    }

    /** The entity ids first seen on a LAN link: the ones this node bridges to the WAN. */
    public Set<EntityId> bridged() {
        Set<EntityId> out = new TreeSet<>();
        firstSeen.forEach((eid, reach) -> {
            if (ForwardingRule.home(reach, wanPeerSpeaksFor(eid)) == Reach.LAN) {
                out.add(eid);
            }
        });
        return out;
    }

    /** The reach an entity id was first seen on, if it was seen. */
    public java.util.Optional<Reach> firstSeen(EntityId eid) {
        return java.util.Optional.ofNullable(firstSeen.get(eid));
    }

    /** Every entry of {@code eid} is gone (the stale rule dropped it): when it returns, it is seen anew. */
    public void forget(EntityId eid) {
        firstSeen.remove(eid);
    }

    /**
     * Where {@code eid} belongs ({@link ForwardingRule#home}); an id a WAN peer speaks for is recorded as WAN,
     * so it stays WAN after that peer goes (its states relayed by another bridge must not go out to the WAN).
     */
    private Reach home(EntityId eid, Reach from) {
        if (wanPeerSpeaksFor(eid)) {
            firstSeen.put(eid, Reach.WAN);
            return Reach.WAN;
        }
        return firstSeen.computeIfAbsent(eid, e -> from);
    }

    private boolean wanPeerSpeaksFor(EntityId eid) {
        return wanSiteOwn.test(eid);
    }

    private boolean carries(Link link, Origin origin, EntityId eid) {
        Reach from = reachOf(origin, eid);
        if (from == null) {
            return false;
        }
        Reach first = ForwardingRule.home(firstSeen.getOrDefault(eid, from), wanPeerSpeaksFor(eid));
        return ForwardingRule.sends(from, first, link.reach(), link.name().equals(origin.link()));
    }

    /**
     * The reach of the link an entry came from; null when that is unknown (an entry restored from the state
     * file under another site's entity id, or a link this node does not have): such an entry is not sent.
     */
    private Reach reachOf(Origin origin, EntityId eid) {
        if (eid.equals(ownEid) || origin.equals(Origin.LOCAL)) {
            return Reach.LOCAL;
        }
        Link link = byName.get(origin.link());
        return link == null ? null : link.reach();
    }
}
