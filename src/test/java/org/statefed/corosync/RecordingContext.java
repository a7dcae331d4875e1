package org.statefed.corosync;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.LinkContext;
import org.statefed.node.MailboxUpdate;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/** A hub stand-in: records what the link learns and reports, and holds what a dump should send. */
final class RecordingContext implements LinkContext {
    final List<String> calls = new ArrayList<>();
    final List<DeviceStateUpdate> deviceStates = new ArrayList<>();
    final List<MailboxUpdate> mailboxes = new ArrayList<>();
    private final EntityId ownEid;

    RecordingContext(EntityId ownEid) {
        this.ownEid = ownEid;
    }

    @Override
    public EntityId ownEid() {
        return ownEid;
    }

    @Override
    public Clock clock() {
        return Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC);
    }

    @Override
    public Executor mergeExecutor() {
        return Runnable::run;
    }

    @Override
    public synchronized boolean learnDeviceState(String device, EntityId eid, DeviceState state, boolean cachable) {
        calls.add("device " + device + " " + eid + " " + state + (cachable ? "" : " not cachable"));
        return true;
    }

    @Override
    public synchronized boolean learnMailbox(String mailbox, EntityId eid, MwiCounts counts) {
        calls.add("mailbox " + mailbox + " " + eid + " " + counts.newMessages() + "/" + counts.oldMessages());
        return true;
    }

    @Override
    public synchronized void peersGone(Set<EntityId> eids) {
        calls.add("gone " + eids.stream().sorted().toList());
    }

    @Override
    public synchronized void peersBack(Set<EntityId> eids) {
        calls.add("back " + eids.stream().sorted().toList());
    }

    @Override
    public synchronized List<DeviceStateUpdate> deviceStatesFor() {
        return List.copyOf(deviceStates);
    }

    @Override
    public synchronized List<MailboxUpdate> mailboxesFor() {
        return List.copyOf(mailboxes);
    }

    synchronized List<String> takeCalls() {
        List<String> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }
}
