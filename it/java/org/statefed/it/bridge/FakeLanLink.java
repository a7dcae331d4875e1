package org.statefed.it.bridge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.Link;
import org.statefed.node.LinkContext;
import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.node.MailboxUpdate;
import org.statefed.state.EntityId;

/**
 * A bridge's LAN link onto a {@link LanBus}, built only on the link contract: what the LAN says is learned
 * through the {@link LinkContext} (on the merge executor, never on the bus's thread), what the router sends
 * goes onto the bus with its original entity id, a newcomer gets everything this link may carry, and a
 * member that leaves hands its entity ids to the stale rule. Stands in for the Corosync link in tests.
 */
final class FakeLanLink implements Link, LanBus.Member {
    private final String name;
    private final LanBus bus;
    private final AtomicLong sent = new AtomicLong();
    /** The entity ids each other member spoke for, for the stale rule when it leaves. */
    private final Map<LanBus.Member, Set<EntityId>> heard = new ConcurrentHashMap<>();
    private volatile LinkContext context;
    private volatile boolean joined;

    FakeLanLink(String name, LanBus bus) {
        this.name = name;
        this.bus = bus;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LinkKind kind() {
        return LinkKind.COROSYNC;
    }

    @Override
    public void start(LinkContext context) {
        this.context = context;
        bus.join(this);
        joined = true;
        // Our dump to the others, as a member that joins sends its cache.
        for (DeviceStateUpdate update : context.deviceStatesFor()) {
            sendDeviceState(update);
        }
        for (MailboxUpdate update : context.mailboxesFor()) {
            sendMailbox(update);
        }
    }

    @Override
    public void sendDeviceState(DeviceStateUpdate update) {
        sent.incrementAndGet();
        bus.broadcast(this, update);
    }

    @Override
    public void sendMailbox(MailboxUpdate update) {
        sent.incrementAndGet();
        bus.broadcast(this, update);
    }

    @Override
    public void receive(LanBus.Member from, Object message) {
        LinkContext c = context;
        EntityId eid = message instanceof DeviceStateUpdate d ? d.eid() : ((MailboxUpdate) message).eid();
        if (eid.equals(c.ownEid())) {
            return;
        }
        if (heard.computeIfAbsent(from, m -> ConcurrentHashMap.newKeySet()).add(eid)) {
            c.peersBack(Set.of(eid));
        }
        c.mergeExecutor().execute(() -> {
            if (message instanceof DeviceStateUpdate d) {
                c.learnDeviceState(d.device(), d.eid(), d.state(), d.cachable());
            } else if (message instanceof MailboxUpdate m) {
                c.learnMailbox(m.mailbox(), m.eid(), m.counts());
            }
        });
    }

    @Override
    public void joined(LanBus.Member newcomer) {
        for (DeviceStateUpdate update : context.deviceStatesFor()) {
            sent.incrementAndGet();
            bus.send(this, newcomer, update);
        }
        for (MailboxUpdate update : context.mailboxesFor()) {
            sent.incrementAndGet();
            bus.send(this, newcomer, update);
        }
    }

    @Override
    public void left(LanBus.Member member) {
        Set<EntityId> eids = heard.remove(member);
        if (eids != null && !eids.isEmpty()) {
            context.peersGone(Set.copyOf(eids));
        }
    }

    @Override
    public void stop(Duration timeout) {
        bus.leave(this);
        joined = false;
    }

    @Override
    public LinkStatus status() {
        return new LinkStatus(name, LinkKind.COROSYNC, joined ? "Joined" : "Not joined", joined, heard.size(),
                List.of("fake LAN"));
    }

    /** How many messages this link put on the LAN. */
    long sent() {
        return sent.get();
    }
}
