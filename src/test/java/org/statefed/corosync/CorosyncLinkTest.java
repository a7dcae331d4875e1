package org.statefed.corosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.statefed.corosync.LinkHarness.A1;
import static org.statefed.corosync.LinkHarness.A2;
import static org.statefed.corosync.LinkHarness.BOTH;
import static org.statefed.corosync.LinkHarness.BRIDGE;
import static org.statefed.corosync.LinkHarness.M1;
import static org.statefed.corosync.LinkHarness.M2;
import static org.statefed.corosync.LinkHarness.SELF;
import static org.statefed.corosync.LinkHarness.WAN_SITE;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.statefed.config.CorosyncEventType;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventEncoder;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.CsError;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.MailboxUpdate;
import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;

/**
 * The Corosync link against a CPG group in memory, fed the bytes two real Asterisk servers exchanged
 * (shared/captures/asterisk-res_corosync.txt): what it learns, what it sends, and when.
 */
class CorosyncLinkTest {

    static Stream<Arguments> capturedMessages() {
        return Stream.of(
                Arguments.of("[3] a1's Custom:pre BUSY", M1, 3, List.of("device Custom:pre 00:11:22:33:44:01 BUSY")),
                Arguments.of("[12] a2's Custom:x NOT_INUSE", M2, 12,
                        List.of("device Custom:x 00:11:22:33:44:0a NOT_INUSE")),
                Arguments.of("[4] a1's MWI 1000@default 2/1", M1, 4, List.of("mailbox 1000@default 00:11:22:33:44:01 2/1")),
                Arguments.of("[17] a1's MWI 1000@default 3/5", M1, 17,
                        List.of("mailbox 1000@default 00:11:22:33:44:01 3/5")),
                Arguments.of("[2] aggregate: res_corosync has no handler, nor do we", M1, 2, List.of()),
                Arguments.of("[21] ping: logged only", M1, 21, List.of()),
                Arguments.of("[7] a2's cluster discovery: answered, not learned", M2, 7, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedMessages")
    void aMembersMessageIsLearnedUnderTheEntityIdItCarries(String name, CpgMember from, int message,
            List<String> learned) {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M1, M2);
        lan.context.takeCalls();

        lan.deliver(from, Captured.bytes(message));

        assertThat(lan.context.takeCalls()).containsExactlyElementsOf(learned);
        assertThat(lan.link.counters().received()).isEqualTo(1);
        assertThat(lan.link.counters().rejected()).isZero();
    }

    @Test
    void aMessageWithOurOwnEntityIdIsDroppedAndCounted() {
        LinkHarness lan = new LinkHarness(A1, BOTH, BOTH).joinedWith(M2);

        lan.deliver(M2, Captured.bytes(3));

        assertThat(lan.context.takeCalls()).isEmpty();
        assertThat(lan.link.counters().ownEid()).isEqualTo(1);
    }

    @Test
    void ourOwnMessagesDeliveredBackByCpgAreNotLearnedEvenWithAnotherEntityId() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M1);

        // What we sent for a WAN site (its eid, not ours) comes back to us: learning it would make the
        // WAN site's state a LAN state of this very link.
        lan.deliver(SELF, Captured.bytes(12));

        assertThat(lan.context.takeCalls()).isEmpty();
        assertThat(lan.link.counters().ownEcho()).isEqualTo(1);
        assertThat(lan.link.counters().received()).isZero();
    }

    static Stream<Arguments> hostileMessages() {
        byte[] valid = Captured.bytes(3);
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
        byte[] longer = java.util.Arrays.copyOf(valid, valid.length + 1);
        byte[] unknownType = valid.clone();
        unknownType[1] = 0x7f;
        byte[] noEid = HexFormat.of().parseHex("000c0004");
        byte[] unknownIe = valid.clone();
        unknownIe[0x1f + 1] = 0x77;
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("three bytes", new byte[] {0, 6, 0}),
                Arguments.of("truncated by three bytes", truncated),
                Arguments.of("one byte more than its length says", longer),
                Arguments.of("unknown event type", unknownType),
                Arguments.of("ping without EID", noEid),
                Arguments.of("unknown IE in a device state", unknownIe),
                Arguments.of("64 KiB of 0xff", filled(65535, (byte) 0xff)));
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMessages")
    void hostileBytesAreACountedDropAndTheNextMessageIsStillLearned(String name, byte[] hostile) {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M1);
        lan.context.takeCalls();

        lan.deliver(M1, hostile);
        lan.deliver(M1, Captured.bytes(3));

        assertThat(lan.link.counters().rejected()).isEqualTo(1);
        assertThat(lan.context.takeCalls()).containsExactly("device Custom:pre 00:11:22:33:44:01 BUSY");
    }

    @Test
    void joiningSendsAClusterDiscoveryByteForByteAsAsteriskDoes() {
        // With a1's entity id and node id 1, the bridge must say exactly what a1 said when it started.
        LinkHarness lan = new LinkHarness(A1, BOTH, BOTH);
        lan.link.start(lan.context);
        lan.settle();

        assertThat(lan.transport.takeSent()).containsExactly(Captured.hex(1));
    }

    @Test
    void aMemberJoiningGetsTheCacheDumpAsAsteriskEncodesItMwiFirst() {
        LinkHarness lan = new LinkHarness(A1, BOTH, BOTH);
        lan.context.deviceStates.add(new DeviceStateUpdate("Custom:pre", A1, DeviceState.BUSY, true));
        lan.context.mailboxes.add(new MailboxUpdate("1000@default", A1, new MwiCounts(2, 1)));
        lan.joinedWith();
        lan.transport.takeSent();

        lan.membership(List.of(SELF, M2), List.of(), List.of(M2));

        // [5] and [6]: a1's dump when a2 joined.
        assertThat(lan.transport.takeSent()).containsExactly(Captured.hex(5), Captured.hex(6));
        assertThat(lan.link.counters().dumps()).isEqualTo(2);
    }

    @Test
    void theDumpCarriesBridgedStatesWithTheirOriginalEntityIds() {
        LinkHarness lan = LinkHarness.bridge();
        lan.context.deviceStates.add(new DeviceStateUpdate("Custom:x", WAN_SITE, DeviceState.INUSE, true));
        lan.joinedWith();

        assertThat(lan.transport.takeSent()).hasSize(2).last().asString()
                .startsWith("0006").endsWith("0021000602000000" + "0007");
    }

    @Test
    void aNewNodesDiscoveryIsAnsweredOnceAsAsteriskAnswersIt() {
        LinkHarness lan = new LinkHarness(A1, BOTH, BOTH).joinedWith();
        lan.membership(List.of(SELF, M2), List.of(), List.of(M2));
        lan.transport.takeSent();

        lan.deliver(M2, Captured.bytes(7));
        lan.deliver(M2, Captured.bytes(10));

        // [8]: a1's answer to a2's discovery; a2's second discovery ([10]) is from a known node id.
        assertThat(lan.transport.takeSent()).containsExactly(Captured.hex(8));
    }

    @Test
    void aMemberLeavingTakesTheEntityIdsLearnedFromItToTheStaleRuleAndTheyComeBackWhenHeardAgain() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M1, M2);
        lan.deliver(M1, Captured.bytes(3));
        lan.deliver(M2, Captured.bytes(12));
        lan.context.takeCalls();

        lan.membership(List.of(SELF, M1), List.of(M2), List.of());
        assertThat(lan.context.takeCalls()).containsExactly("gone [00:11:22:33:44:0a]");

        lan.membership(List.of(SELF, M1, M2), List.of(), List.of(M2));
        lan.deliver(M2, Captured.bytes(23));
        assertThat(lan.context.takeCalls()).containsExactly("back [00:11:22:33:44:0a]",
                "device Custom:x 00:11:22:33:44:0a BUSY");
    }

    @Test
    void anEntityIdStillHeardFromAnotherMemberDoesNotGoStale() {
        // Two bridges on one LAN both forward a WAN site's states.
        CpgMember otherBridge = new CpgMember(2, 4242);
        LinkHarness lan = LinkHarness.bridge().joinedWith(M1, otherBridge);
        byte[] wanState = EventEncoder.encode(new DeviceStateChange("Custom:w", DeviceState.BUSY, true, WAN_SITE));
        lan.deliver(M1, wanState);
        lan.deliver(otherBridge, wanState);
        lan.context.takeCalls();

        lan.membership(List.of(SELF, otherBridge), List.of(M1), List.of());

        assertThat(lan.context.takeCalls()).isEmpty();
    }

    static Stream<Arguments> publishing() {
        Set<CorosyncEventType> none = EnumSet.noneOf(CorosyncEventType.class);
        return Stream.of(
                Arguments.of("publish both", BOTH, List.of("0002", "0006")),
                Arguments.of("publish mwi only", EnumSet.of(CorosyncEventType.MWI), List.of("0002")),
                Arguments.of("publish device_state only", EnumSet.of(CorosyncEventType.DEVICE_STATE), List.of("0006")),
                Arguments.of("publish nothing", none, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishing")
    void publishEventDecidesWhatIsSentAndDumped(String name, Set<CorosyncEventType> publish, List<String> types) {
        LinkHarness lan = new LinkHarness(BRIDGE, publish, BOTH);
        lan.context.deviceStates.add(new DeviceStateUpdate("Custom:x", WAN_SITE, DeviceState.INUSE, true));
        lan.context.mailboxes.add(new MailboxUpdate("1000@default", WAN_SITE, new MwiCounts(1, 0)));
        lan.joinedWith();
        List<String> dumped = lan.transport.takeSent().stream().skip(1).map(hex -> hex.substring(0, 4)).toList();

        lan.link.sendMailbox(new MailboxUpdate("1000@default", WAN_SITE, new MwiCounts(2, 0)));
        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", WAN_SITE, DeviceState.BUSY, true));
        lan.settle();
        List<String> sent = lan.transport.takeSent().stream().map(hex -> hex.substring(0, 4)).toList();

        assertThat(dumped).containsExactlyElementsOf(types);
        assertThat(sent).containsExactlyElementsOf(types);
    }

    @Test
    void subscribeEventDecidesWhatIsLearned() {
        LinkHarness lan = new LinkHarness(BRIDGE, BOTH, EnumSet.of(CorosyncEventType.MWI)).joinedWith(M1);
        lan.context.takeCalls();

        lan.deliver(M1, Captured.bytes(3));
        lan.deliver(M1, Captured.bytes(4));

        assertThat(lan.context.takeCalls()).containsExactly("mailbox 1000@default 00:11:22:33:44:01 2/1");
        assertThat(lan.link.counters().notSubscribed()).isEqualTo(1);
    }

    @Test
    void aSentStateIsAsterisksBytesWithItsOriginalEntityId() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M2);
        lan.transport.takeSent();

        // a1's state, as a bridge would forward it had it learned it elsewhere: [19] byte for byte.
        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", A1, DeviceState.NOT_INUSE, true));
        lan.link.sendMailbox(new MailboxUpdate("1000@default", A1, new MwiCounts(3, 5)));
        lan.settle();

        assertThat(lan.transport.takeSent()).containsExactly(Captured.hex(19), Captured.hex(17));
    }

    @Test
    void changesQueuedWhileTheSenderIsBusyAreCoalescedPerDeviceAndEntityId() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M2);
        lan.transport.takeSent();

        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", A1, DeviceState.INUSE, true));
        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", A2, DeviceState.BUSY, true));
        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", A1, DeviceState.NOT_INUSE, true));
        lan.settle();

        assertThat(lan.transport.takeSent()).containsExactly(Captured.hex(19), Captured.hex(23));
    }

    @Test
    void tryAgainNeverStallsTheCallerAndTheStateIsSentLater() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M2);
        lan.transport.takeSent();
        lan.transport.failSends(CsError.CS_ERR_TRY_AGAIN);

        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", A1, DeviceState.NOT_INUSE, true));
        lan.settle();
        assertThat(lan.transport.takeSent()).isEmpty();

        lan.advance(CorosyncLink.TRY_AGAIN_DELAY);
        assertThat(lan.transport.takeSent()).containsExactly(Captured.hex(19));
    }

    @Test
    void aForgottenDeviceStateThisLinkSentIsWithdrawnAsInvalidButAMailboxIsNot() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M2);
        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", WAN_SITE, DeviceState.BUSY, true));
        lan.link.sendMailbox(new MailboxUpdate("1000@default", WAN_SITE, new MwiCounts(3, 5)));
        lan.settle();
        lan.transport.takeSent();

        lan.link.forgetDeviceState("Custom:x", WAN_SITE);
        lan.link.forgetMailbox("1000@default", WAN_SITE);
        lan.link.forgetDeviceState("Custom:x", WAN_SITE);
        lan.settle();

        assertThat(lan.transport.takeSent()).containsExactly(
                encoded(new DeviceStateChange("Custom:x", DeviceState.INVALID, true, WAN_SITE)));
    }

    @Test
    void aForgottenStateThisLinkNeverSentIsNotWithdrawn() {
        // A LAN member's own state going stale: the members cleared it themselves when it left.
        LinkHarness lan = LinkHarness.bridge().joinedWith(M1, M2);
        lan.deliver(M2, Captured.bytes(12));
        lan.transport.takeSent();

        lan.link.forgetDeviceState("Custom:x", A2);
        lan.settle();

        assertThat(lan.transport.takeSent()).isEmpty();
    }

    private static String encoded(org.statefed.corosync.codec.CorosyncEvent event) {
        return HexFormat.of().formatHex(EventEncoder.encode(event));
    }

    @Test
    void aStateTheWireCannotCarryIsACountedDrop() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M2);
        lan.transport.takeSent();

        lan.link.sendMailbox(new MailboxUpdate("1000", A1, new MwiCounts(1, 0)));
        lan.settle();

        assertThat(lan.transport.takeSent()).isEmpty();
        assertThat(lan.link.counters().unsendable()).isEqualTo(1);
    }

    @Test
    void aMissingDaemonIsRetriedWithBackoffUntilItJoins() {
        LinkHarness lan = LinkHarness.bridge();
        lan.transport.failJoins(2, CsError.CS_ERR_LIBRARY);

        lan.link.start(lan.context);
        lan.settle();
        assertThat(lan.link.status().state()).isEqualTo("Retrying in 1 s");
        assertThat(lan.link.status().ready()).isFalse();
        assertThat(lan.worker.nextDelay()).isEqualTo(Duration.ofSeconds(1));

        lan.advance(Duration.ofSeconds(1));
        assertThat(lan.worker.nextDelay()).isEqualTo(Duration.ofSeconds(2));
        lan.advance(Duration.ofSeconds(2));

        assertThat(lan.transport.joins()).isEqualTo(3);
        assertThat(lan.link.status().state()).isEqualTo("Joined");
        assertThat(lan.link.status().ready()).isTrue();
    }

    @Test
    void corosyncGoingAwayMakesEveryLanEntityIdGoStaleThenRejoinsAndDumpsAgain() {
        LinkHarness lan = LinkHarness.bridge();
        lan.context.deviceStates.add(new DeviceStateUpdate("Custom:x", WAN_SITE, DeviceState.INUSE, true));
        lan.joinedWith(M1, M2);
        lan.deliver(M1, Captured.bytes(3));
        lan.deliver(M2, Captured.bytes(12));
        lan.context.takeCalls();
        lan.transport.takeSent();

        lan.transport.listener().onDispatchFailed(new org.statefed.corosync.cpg.CpgException(
                "cpg_dispatch failed: CS_ERR_LIBRARY", CsError.CS_ERR_LIBRARY));
        lan.settle();
        assertThat(lan.context.takeCalls()).containsExactly("gone [00:11:22:33:44:01, 00:11:22:33:44:0a]");
        assertThat(lan.transport.lastConnectionClosed()).isTrue();
        assertThat(lan.link.status().ready()).isFalse();

        lan.advance(LinkHarness.BACKOFF.initial());
        lan.membership(List.of(M1, M2, SELF), List.of(), List.of(SELF));

        assertThat(lan.transport.joins()).isEqualTo(2);
        assertThat(lan.transport.takeSent()).hasSize(2); // discovery, then the dump of the WAN site's state
        lan.deliver(M1, Captured.bytes(3));
        assertThat(lan.context.takeCalls()).containsExactly("back [00:11:22:33:44:01]",
                "device Custom:pre 00:11:22:33:44:01 BUSY");
    }

    @Test
    void whatIsSentWhileCorosyncIsMissingIsDroppedAndTheJoinsDumpSendsWhatIsCurrent() {
        LinkHarness lan = LinkHarness.bridge();
        lan.transport.failJoins(1, CsError.CS_ERR_LIBRARY);
        lan.link.start(lan.context);
        lan.settle();

        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", A1, DeviceState.INUSE, true));
        lan.settle();
        assertThat(lan.link.counters().droppedWhileDown()).isEqualTo(1);

        lan.context.deviceStates.add(new DeviceStateUpdate("Custom:x", A1, DeviceState.NOT_INUSE, true));
        lan.advance(LinkHarness.BACKOFF.initial());
        lan.membership(List.of(M2, SELF), List.of(), List.of(SELF));
        assertThat(lan.transport.takeSent()).last().isEqualTo(Captured.hex(19));
    }

    @Test
    void statusCountsTheOtherMembers() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M1, M2);

        assertThat(lan.link.status().peers()).isEqualTo(2);
        assertThat(lan.link.members()).containsExactly(M1, M2, SELF);
        assertThat(lan.link.self()).contains(SELF);
    }

    @Test
    void stopLeavesTheGroupAndLaterSendsAreIgnored() {
        LinkHarness lan = LinkHarness.bridge().joinedWith(M1);
        lan.transport.takeSent();

        lan.link.stop(Duration.ofSeconds(5));
        lan.link.sendDeviceState(new DeviceStateUpdate("Custom:x", A1, DeviceState.INUSE, true));
        lan.settle();

        assertThat(lan.transport.lastConnectionClosed()).isTrue();
        assertThat(lan.transport.takeSent()).isEmpty();
        assertThat(lan.link.status().state()).isEqualTo("Stopped");
    }
}
