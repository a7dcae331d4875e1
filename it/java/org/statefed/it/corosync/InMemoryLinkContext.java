package org.statefed.it.corosync;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.LinkContext;
import org.statefed.node.MailboxUpdate;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * A hub stand-in for link ITs until the hub lands: tables as maps keyed by (name, eid), the merge executor a
 * thread of its own, entity ids gone and back as sets, and the states a dump sends as a list the test
 * fills. Learn times (nanoTime) are kept for latency figures.
 */
final class InMemoryLinkContext implements LinkContext, AutoCloseable {
    record Key(String name, EntityId eid) {
    }

    private final EntityId ownEid;
    private final ExecutorService merges = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "it-merge");
        thread.setDaemon(true);
        return thread;
    });
    final Map<Key, DeviceState> devices = new ConcurrentHashMap<>();
    final Map<Key, Long> learnedAtNanos = new ConcurrentHashMap<>();
    final Map<Key, MwiCounts> mailboxes = new ConcurrentHashMap<>();
    final Set<EntityId> gone = ConcurrentHashMap.newKeySet();
    final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<DeviceStateUpdate> toDump = new ArrayList<>();
    private final Map<String, MailboxUpdate> mailboxesToDump = new LinkedHashMap<>();

    InMemoryLinkContext(EntityId ownEid) {
        this.ownEid = Objects.requireNonNull(ownEid);
    }

    synchronized void holdForDump(DeviceStateUpdate update) {
        toDump.add(update);
    }

    synchronized void holdForDump(MailboxUpdate update) {
        mailboxesToDump.put(update.mailbox() + "/" + update.eid(), update);
    }

    @Override
    public EntityId ownEid() {
        return ownEid;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public ExecutorService mergeExecutor() {
        return merges;
    }

    @Override
    public boolean learnDeviceState(String device, EntityId eid, DeviceState state, boolean cachable) {
        Key key = new Key(device, eid);
        DeviceState before = devices.put(key, state);
        learnedAtNanos.put(key, System.nanoTime());
        events.add("device " + device + " " + eid + " " + state);
        return before != state;
    }

    @Override
    public boolean learnMailbox(String mailbox, EntityId eid, MwiCounts counts) {
        MwiCounts before = mailboxes.put(new Key(mailbox, eid), counts);
        events.add("mailbox " + mailbox + " " + eid + " " + counts.newMessages() + "/" + counts.oldMessages());
        return !counts.equals(before);
    }

    @Override
    public void peersGone(Set<EntityId> eids) {
        gone.addAll(eids);
        events.add("gone " + new LinkedHashSet<>(eids));
    }

    @Override
    public void peersBack(Set<EntityId> eids) {
        gone.removeAll(eids);
        events.add("back " + new LinkedHashSet<>(eids));
    }

    @Override
    public synchronized List<DeviceStateUpdate> deviceStatesFor() {
        return List.copyOf(toDump);
    }

    @Override
    public synchronized List<MailboxUpdate> mailboxesFor() {
        return List.copyOf(mailboxesToDump.values());
    }

    @Override
    public void close() throws InterruptedException {
        merges.shutdownNow();
        merges.awaitTermination(5, TimeUnit.SECONDS);
    }
}
