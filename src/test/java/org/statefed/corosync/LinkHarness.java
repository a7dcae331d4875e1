package org.statefed.corosync;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.statefed.config.CorosyncConfig;
import org.statefed.config.CorosyncEventType;
import org.statefed.corosync.cpg.ConfchgReason;
import org.statefed.corosync.cpg.CpgAddress;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.Membership;
import org.statefed.state.EntityId;

/** A {@link CorosyncLink} over a {@link FakeTransport}, a {@link RecordingContext} and hand-run workers. */
final class LinkHarness {
    static final EntityId A1 = EntityId.parse("00:11:22:33:44:01");
    static final EntityId A2 = EntityId.parse("00:11:22:33:44:0a");
    static final EntityId BRIDGE = EntityId.parse("02:00:00:00:00:99");
    static final EntityId WAN_SITE = EntityId.parse("02:00:00:00:00:07");
    /** This node as a member; node id 1 as in the capture (one host). */
    static final CpgMember SELF = new CpgMember(1, 100);
    /** a1 and a2 of the capture. */
    static final CpgMember M1 = new CpgMember(1, 17247);
    static final CpgMember M2 = new CpgMember(1, 17356);
    static final JoinBackoff BACKOFF = new JoinBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
    static final Set<CorosyncEventType> BOTH = EnumSet.allOf(CorosyncEventType.class);

    final FakeTransport transport = new FakeTransport(SELF);
    final ManualWorker worker = new ManualWorker();
    final ManualWorker sender = new ManualWorker();
    final RecordingContext context;
    final CorosyncLink link;

    LinkHarness(EntityId ownEid, Set<CorosyncEventType> publish, Set<CorosyncEventType> subscribe) {
        context = new RecordingContext(ownEid);
        link = new CorosyncLink(new CorosyncConfig("corosync", "asterisk", publish, subscribe), transport, BACKOFF,
                worker, sender, "127.0.0.1");
    }

    /** A bridge with its own eid that publishes and subscribes both kinds, as the capture's res_corosync.conf. */
    static LinkHarness bridge() {
        return new LinkHarness(BRIDGE, BOTH, BOTH);
    }

    /** Starts, joins and hears the first membership change (this node joined, {@code others} already in). */
    LinkHarness joinedWith(CpgMember... others) {
        link.start(context);
        settle();
        CpgMember[] all = Arrays.copyOf(others, others.length + 1);
        all[others.length] = SELF;
        membership(List.of(all), List.of(), List.of(SELF));
        return this;
    }

    /** Runs both workers until neither has anything queued. */
    void settle() {
        boolean ran;
        do {
            ran = worker.runAll();
            ran |= sender.runAll();
        } while (ran);
    }

    void advance(Duration delay) {
        worker.advance(delay);
        sender.advance(delay);
        settle();
    }

    void deliver(CpgMember from, byte[] payload) {
        transport.listener().onMessage(from, payload);
        settle();
    }

    void membership(List<CpgMember> members, List<CpgMember> left, List<CpgMember> joined) {
        transport.listener().onMembership(new Membership("asterisk", members,
                left.stream().map(m -> new CpgAddress(m, ConfchgReason.PROCDOWN)).toList(),
                joined.stream().map(m -> new CpgAddress(m, ConfchgReason.JOIN)).toList()));
        settle();
    }
}
