package org.statefed.sip;

import java.time.Clock;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.LinkContext;
import org.statefed.node.MailboxUpdate;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/** Records what a link learns and reports (thread-safe lists); serves the states it is given as "everything". */
final class FakeLinkContext implements LinkContext {
    static final EntityId OWN = EntityId.parse("00:11:22:33:44:0a");

    final List<DeviceStateUpdate> learnedDevices = new CopyOnWriteArrayList<>();
    final List<MailboxUpdate> learnedMailboxes = new CopyOnWriteArrayList<>();
    final List<Set<EntityId>> gone = new CopyOnWriteArrayList<>();
    final List<Set<EntityId>> back = new CopyOnWriteArrayList<>();
    final List<DeviceStateUpdate> devices = new CopyOnWriteArrayList<>();
    final List<MailboxUpdate> mailboxes = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final EntityId own;

    FakeLinkContext(Clock clock) {
        this(clock, OWN);
    }

    FakeLinkContext(Clock clock, EntityId own) {
        this.clock = clock;
        this.own = own;
    }

    @Override
    public EntityId ownEid() {
        return own;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Executor mergeExecutor() {
        return Runnable::run;
    }

    @Override
    public boolean learnDeviceState(String device, EntityId eid, DeviceState state, boolean cachable) {
        learnedDevices.add(new DeviceStateUpdate(device, eid, state, cachable));
        return true;
    }

    @Override
    public boolean learnMailbox(String mailbox, EntityId eid, MwiCounts counts) {
        learnedMailboxes.add(new MailboxUpdate(mailbox, eid, counts));
        return true;
    }

    @Override
    public void peersGone(Set<EntityId> eids) {
        gone.add(eids);
    }

    @Override
    public void peersBack(Set<EntityId> eids) {
        back.add(eids);
    }

    @Override
    public List<DeviceStateUpdate> deviceStatesFor() {
        return List.copyOf(devices);
    }

    @Override
    public List<MailboxUpdate> mailboxesFor() {
        return List.copyOf(mailboxes);
    }
}
