package org.statefed.corosync.cpg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CpgGroupTest {
    /** A dispatch thread notices a change within one poll interval; the rest is margin for a loaded machine. */
    private static final Duration DISPATCH_DEADLINE = CpgGroup.POLL_INTERVAL.plus(CpgGroup.CLOSE_TIMEOUT);
    private static final SendRetry FAST = new SendRetry(3, Duration.ofMillis(1), Duration.ofMillis(2));

    private final FakeLibCpg lib = new FakeLibCpg();
    private final RecordingListener listener = new RecordingListener();

    private CpgGroup join(SendRetry retry) throws CpgException {
        return new CpgGroup(lib, lib, "asterisk", listener, retry);
    }

    @Test
    void sendPassesThePayloadAsOneIovecWithFifoOrderingAsResCorosyncDoes() throws Exception {
        try (CpgGroup group = join(FAST)) {
            group.send(new byte[] {0, 0x0c, 0, 14, 0, 0x21, 0, 6, 0, 0x11, 0x22, 0x33, 0x44, 0x01});
        }
        assertThat(lib.sent).containsExactly(new byte[] {0, 0x0c, 0, 14, 0, 0x21, 0, 6, 0, 0x11, 0x22, 0x33, 0x44, 0x01});
        assertThat(lib.guarantees).containsExactly(LibCpg.CPG_TYPE_FIFO);
    }

    @Test
    void sendRetriesTryAgainAndSucceedsWhenCorosyncIsNoLongerBusy() throws Exception {
        lib.mcastResults.add(LibCpg.CS_ERR_TRY_AGAIN);
        lib.mcastResults.add(LibCpg.CS_ERR_TRY_AGAIN);
        try (CpgGroup group = join(FAST)) {
            group.send(new byte[] {1});
        }
        assertThat(lib.mcastCalls).hasValue(3);
        assertThat(lib.sent).hasSize(1);
    }

    @Test
    void sendGivesUpAfterTheConfiguredAttemptsWithTryAgain() throws Exception {
        for (int i = 0; i < 10; i++) {
            lib.mcastResults.add(LibCpg.CS_ERR_TRY_AGAIN);
        }
        try (CpgGroup group = join(FAST)) {
            assertThatThrownBy(() -> group.send(new byte[] {1}))
                    .isInstanceOfSatisfying(CpgException.class,
                            e -> assertThat(e.error()).contains(CsError.CS_ERR_TRY_AGAIN))
                    .hasMessageContaining("cpg_mcast_joined").hasMessageContaining("3 times");
        }
        assertThat(lib.mcastCalls).hasValue(FAST.attempts());
    }

    @Test
    void sendFailsAtOnceOnAnErrorOtherThanTryAgain() throws Exception {
        lib.mcastResults.add(CsError.CS_ERR_TOO_BIG.code());
        try (CpgGroup group = join(FAST)) {
            assertThatThrownBy(() -> group.send(new byte[] {1})).hasMessageContaining("CS_ERR_TOO_BIG");
        }
        assertThat(lib.mcastCalls).hasValue(1);
    }

    @Test
    void joinWithoutADaemonSaysCorosyncIsNotRunningAndNamesTheSocket() {
        lib.initializeResults.add(CsError.CS_ERR_LIBRARY.code());
        assertThatThrownBy(() -> join(FAST))
                .isInstanceOfSatisfying(CpgException.class,
                        e -> assertThat(e.error()).contains(CsError.CS_ERR_LIBRARY))
                .hasMessageContaining("cpg_initialize").hasMessageContaining("corosync is not running")
                .hasMessageContaining("@cpg");
        assertThat(lib.finalizeCalls).hasValue(0);
    }

    @Test
    void aRefusedJoinFinalizesTheHandleItInitialized() {
        lib.joinResults.add(CsError.CS_ERR_EXIST.code());
        assertThatThrownBy(() -> join(FAST)).hasMessageContaining("cpg_join").hasMessageContaining("CS_ERR_EXIST");
        assertThat(lib.finalizeCalls).hasValue(1);
    }

    @Test
    void aFailedDispatchReachesTheListenerOnceEndsTheGroupAndFinalizes() throws Exception {
        lib.dispatchResults.add(CsError.CS_ERR_LIBRARY.code());
        try (CpgGroup group = join(FAST)) {
            lib.fdReady = true;
            assertThat(lib.finalized.await(DISPATCH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(listener.failures).singleElement()
                    .satisfies(e -> assertThat(e.error()).contains(CsError.CS_ERR_LIBRARY));
            assertThat(group.state()).isEqualTo(CpgGroup.State.FAILED);
            assertThatThrownBy(() -> group.send(new byte[] {1})).hasMessageContaining("FAILED");
        }
        assertThat(lib.finalizeCalls).hasValue(1);
    }

    @Test
    void closeFinalizesOnceAndRefusesLaterSends() throws Exception {
        CpgGroup group = join(FAST);
        group.close();
        group.close();
        assertThat(lib.finalizeCalls).hasValue(1);
        assertThat(group.state()).isEqualTo(CpgGroup.State.CLOSED);
        assertThatThrownBy(() -> group.send(new byte[] {1})).hasMessageContaining("CLOSED");
    }

    @Test
    void anEmptyMessageIsRefusedBeforeReachingLibcpg() throws Exception {
        try (CpgGroup group = join(FAST)) {
            assertThatThrownBy(() -> group.send(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(lib.mcastCalls).hasValue(0);
    }
}
