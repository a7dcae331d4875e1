package org.statefed.it.bridge;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.MailboxUpdate;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * A fake Asterisk server on a {@link LanBus}: it changes its own devices and mailboxes, keeps what it hears
 * per device and entity id (as Asterisk's device state cache does), and dumps its own states to a newcomer.
 */
final class LanServer implements LanBus.Member {
    private final LanBus bus;
    private final EntityId eid;
    private final Map<String, DeviceStateUpdate> own = new ConcurrentHashMap<>();
    private final Map<String, MailboxUpdate> ownMailboxes = new ConcurrentHashMap<>();
    private final Map<String, DeviceState> heard = new ConcurrentHashMap<>();
    private final Map<String, MwiCounts> heardMailboxes = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();

    LanServer(LanBus bus, EntityId eid) {
        this.bus = bus;
        this.eid = eid;
    }

    EntityId eid() {
        return eid;
    }

    void join() {
        bus.join(this);
    }

    void leave() {
        bus.leave(this);
    }

    void change(String device, DeviceState state) {
        DeviceStateUpdate update = new DeviceStateUpdate(device, eid, state, true);
        own.put(device, update);
        bus.broadcast(this, update);
    }

    void mailbox(String mailbox, int newMessages, int oldMessages) {
        MailboxUpdate update = new MailboxUpdate(mailbox, eid, new MwiCounts(newMessages, oldMessages));
        ownMailboxes.put(mailbox, update);
        bus.broadcast(this, update);
    }

    /** What this server last heard for {@code device} under entity id {@code from}. */
    Optional<DeviceState> heard(String device, EntityId from) {
        return Optional.ofNullable(heard.get(device + "|" + from));
    }

    Optional<MwiCounts> heardMailbox(String mailbox, EntityId from) {
        return Optional.ofNullable(heardMailboxes.get(mailbox + "|" + from));
    }

    long received() {
        return received.get();
    }

    @Override
    public void receive(LanBus.Member from, Object message) {
        received.incrementAndGet();
        if (message instanceof DeviceStateUpdate d && !d.eid().equals(eid)) {
            heard.put(d.device() + "|" + d.eid(), d.state());
        } else if (message instanceof MailboxUpdate m && !m.eid().equals(eid)) {
            heardMailboxes.put(m.mailbox() + "|" + m.eid(), m.counts());
        }
    }

    @Override
    public void joined(LanBus.Member newcomer) {
        own.values().forEach(update -> bus.send(this, newcomer, update));
        ownMailboxes.values().forEach(update -> bus.send(this, newcomer, update));
    }

    @Override
    public void left(LanBus.Member member) {
    }

    @Override
    public String toString() {
        return "LAN server " + eid + " heard " + heard;
    }
}
