package org.statefed.it.corosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.corosync.codec.DecodedEvent;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventDecoder;
import org.statefed.corosync.codec.MwiUpdate;
import org.statefed.corosync.cpg.ConfchgReason;
import org.statefed.corosync.cpg.CpgAddress;
import org.statefed.corosync.cpg.CpgException;
import org.statefed.corosync.cpg.CpgGroup;
import org.statefed.corosync.cpg.CpgListener;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.CsError;
import org.statefed.corosync.cpg.Membership;
import org.statefed.it.Await;
import org.statefed.it.fixture.CorosyncDaemon;
import org.statefed.state.DeviceState;

/**
 * The libcpg binding against a real corosync: one member in this JVM, others in child JVMs (corosync
 * refuses a second join of a group from one pid), all in group "asterisk" as res_corosync joins it.
 */
class CpgGroupIT {
    private static final String GROUP = "asterisk";
    /** Capture [3]: a1's DEVICE_STATE_CHANGE Custom:pre BUSY. */
    private static final int DEVICE_STATE_CHANGE = 3;
    /** Capture [4]: a1's MWI 1000@default new=2 old=1. */
    private static final int MWI = 4;

    @TempDir
    Path temp;
    private CorosyncDaemon daemon;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void startCorosync() {
        daemon = CorosyncDaemon.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            while (!toClose.isEmpty()) {
                toClose.pop().close();
            }
        } finally {
            daemon.close();
        }
    }

    @Test
    void capturedEventsSentByOneMemberAreDeliveredByteExactToTheOtherAndDecode() throws Exception {
        CpgGroup local = join(recorder);
        CpgMemberProcess child = child("child");
        byte[] deviceState = CapturedPayloads.message(DEVICE_STATE_CHANGE);
        byte[] mwi = CapturedPayloads.message(MWI);

        local.send(deviceState);
        String received = child.await(daemon.membershipDeadline(), l -> l.startsWith("MSG "));
        assertThat(received).isEqualTo("MSG " + local.self().nodeId() + " " + local.self().pid() + " "
                + HexFormat.of().formatHex(deviceState));

        child.send(mwi);
        Await.until(daemon.membershipDeadline(), () -> recorder.messageFrom(child.pid()) != null,
                () -> "messages " + recorder.messages);
        Delivery fromChild = recorder.messageFrom(child.pid());
        assertThat(fromChild.payload()).isEqualTo(mwi);
        DecodedEvent decoded = EventDecoder.decode(fromChild.payload());
        assertThat(decoded).isInstanceOfSatisfying(MwiUpdate.class, update -> {
            assertThat(update.mailbox()).isEqualTo("1000");
            assertThat(update.context()).isEqualTo("default");
            assertThat(update.eid().toString()).isEqualTo("00:11:22:33:44:01");
        });
        assertThat(EventDecoder.decode(HexFormat.of().parseHex(received.substring(received.lastIndexOf(' ') + 1))))
                .isInstanceOfSatisfying(DeviceStateChange.class, change -> {
                    assertThat(change.device()).isEqualTo("Custom:pre");
                    assertThat(change.state()).isEqualTo(DeviceState.BUSY);
                });
        // CPG delivers to the sender too: res_corosync drops its own by EID, the link will do the same.
        assertThat(recorder.messageFrom(local.self().pid()).payload()).isEqualTo(deviceState);
    }

    @Test
    void aSecondJoinOfTheGroupFromThisProcessIsRefusedSoOtherMembersRunInChildProcesses() throws Exception {
        join(recorder);
        assertThatThrownBy(() -> join(new Recorder()))
                .isInstanceOfSatisfying(CpgException.class, e -> assertThat(e.error()).contains(CsError.CS_ERR_EXIST))
                .hasMessageContaining("cpg_join");
    }

    @Test
    void membershipChangesNameWhoJoinedLeftAndDiedWithNodeIdAndPid() throws Exception {
        CpgGroup local = join(recorder);
        CpgMember self = local.self();
        awaitChange(m -> m.joined().contains(new CpgAddress(self, ConfchgReason.JOIN)));

        CpgMemberProcess leaving = child("leaving");
        CpgMember leaver = new CpgMember(self.nodeId(), leaving.pid());
        Membership joined = awaitChange(m -> m.joined().contains(new CpgAddress(leaver, ConfchgReason.JOIN)));
        assertThat(joined.group()).isEqualTo(GROUP);
        assertThat(joined.members()).contains(self, leaver);
        leaving.leave();
        Membership left = awaitChange(m -> m.left().stream().anyMatch(a -> a.member().equals(leaver)));
        assertThat(left.left()).containsExactly(new CpgAddress(leaver, ConfchgReason.LEAVE));
        assertThat(left.members()).contains(self).doesNotContain(leaver);

        CpgMemberProcess dying = child("dying");
        CpgMember victim = new CpgMember(self.nodeId(), dying.pid());
        awaitChange(m -> m.joined().contains(new CpgAddress(victim, ConfchgReason.JOIN)));
        dying.kill(daemon.membershipDeadline());
        Membership died = awaitChange(m -> m.left().stream().anyMatch(a -> a.member().equals(victim)));
        assertThat(died.left()).containsExactly(new CpgAddress(victim, ConfchgReason.PROCDOWN));
    }

    @Test
    void aDaemonStoppedUnderAMemberIsReportedAndAFreshGroupJoinsItOnceRestarted() throws Exception {
        CpgGroup before = join(recorder);
        daemon.stop();
        Await.until(daemon.membershipDeadline(), () -> !recorder.failures.isEmpty(),
                () -> "no dispatch failure; state " + before.state());
        assertThat(recorder.failures).singleElement()
                .satisfies(e -> assertThat(e.error()).contains(CsError.CS_ERR_LIBRARY));
        assertThat(before.state()).isEqualTo(CpgGroup.State.FAILED);
        assertThatThrownBy(() -> before.send(CapturedPayloads.message(DEVICE_STATE_CHANGE)))
                .isInstanceOf(CpgException.class).hasMessageContaining("FAILED");
        before.close();
        assertThat(dispatchThreads()).as("dispatch threads alive after close").isEmpty();

        assertThatThrownBy(() -> CpgGroup.join(GROUP, new Recorder()))
                .isInstanceOfSatisfying(CpgException.class, e -> assertThat(e.error()).contains(CsError.CS_ERR_LIBRARY))
                .hasMessageContaining("corosync is not running");

        daemon.restart();
        Recorder again = new Recorder();
        CpgGroup after = join(again);
        byte[] payload = CapturedPayloads.message(MWI);
        after.send(payload);
        Await.until(daemon.membershipDeadline(), () -> again.messageFrom(after.self().pid()) != null,
                () -> "messages after the restart " + again.messages);
        assertThat(again.messageFrom(after.self().pid()).payload()).isEqualTo(payload);
        assertThat(after.state()).isEqualTo(CpgGroup.State.JOINED);
    }

    private CpgGroup join(CpgListener listener) throws CpgException {
        CpgGroup group = CpgGroup.join(GROUP, listener);
        toClose.push(group);
        return group;
    }

    private CpgMemberProcess child(String name) {
        CpgMemberProcess child = CpgMemberProcess.join(GROUP, temp.resolve(name + ".stderr"),
                daemon.membershipDeadline());
        toClose.push(child);
        assertThat(child.lines()).as("child " + name + " joined").anyMatch(l -> l.startsWith("JOINED "));
        return child;
    }

    private Membership awaitChange(Predicate<Membership> wanted) {
        Await.until(daemon.membershipDeadline(), () -> recorder.memberships.stream().anyMatch(wanted),
                () -> "memberships " + recorder.memberships);
        return recorder.memberships.stream().filter(wanted).findFirst().orElseThrow();
    }

    private static List<String> dispatchThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("cpg-dispatch-")).toList();
    }

    private record Delivery(CpgMember sender, byte[] payload) {
    }

    /** Keeps what the dispatch thread hands over (a real link would enqueue it to its executor). */
    private static final class Recorder implements CpgListener {
        final List<Delivery> messages = new CopyOnWriteArrayList<>();
        final List<Membership> memberships = new CopyOnWriteArrayList<>();
        final List<CpgException> failures = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(CpgMember sender, byte[] payload) {
            messages.add(new Delivery(sender, payload));
        }

        @Override
        public void onMembership(Membership membership) {
            memberships.add(membership);
        }

        @Override
        public void onDispatchFailed(CpgException failure) {
            failures.add(failure);
        }

        Delivery messageFrom(long pid) {
            return messages.stream().filter(d -> d.sender().pid() == pid).findFirst().orElse(null);
        }
    }
}
