package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateDigestTest {
    @Test
    void sameEntriesInAnyOrderGiveTheSameDigest() {
        StateDigest a = StateDigest.EMPTY.withDevice("SIP/100", DeviceState.INUSE, true)
                .withDevice("SIP/200", DeviceState.BUSY, true).withMailbox("1000@default", new MwiCounts(1, 2));
        StateDigest b = StateDigest.EMPTY.withMailbox("1000@default", new MwiCounts(1, 2))
                .withDevice("SIP/200", DeviceState.BUSY, true).withDevice("SIP/100", DeviceState.INUSE, true);
        assertThat(a).isEqualTo(b);
        assertThat(a.count()).isEqualTo(3);
    }

    @Test
    void anyDifferenceInStateCachableNameOrCountsChangesTheDigest() {
        StateDigest base = StateDigest.EMPTY.withDevice("SIP/100", DeviceState.INUSE, true);
        assertThat(StateDigest.EMPTY.withDevice("SIP/100", DeviceState.BUSY, true)).isNotEqualTo(base);
        assertThat(StateDigest.EMPTY.withDevice("SIP/100", DeviceState.INUSE, false)).isNotEqualTo(base);
        assertThat(StateDigest.EMPTY.withDevice("SIP/101", DeviceState.INUSE, true)).isNotEqualTo(base);
        assertThat(StateDigest.EMPTY.withMailbox("SIP/100", new MwiCounts(0, 0))).isNotEqualTo(base);
        assertThat(StateDigest.EMPTY.withMailbox("1@d", new MwiCounts(1, 0)))
                .isNotEqualTo(StateDigest.EMPTY.withMailbox("1@d", new MwiCounts(0, 1)));
    }

    @Test
    void digestIsAFixedFunctionPeersOnOtherVersionsAgreeOn() {
        // Golden value: peers on other JVMs and statefed versions compare digests, so this must never change.
        StateDigest d = StateDigest.EMPTY.withDevice("Custom:mystate", DeviceState.INUSE, true)
                .withMailbox("1000@default", new MwiCounts(3, 5));
        assertThat(d).isEqualTo(new StateDigest(2, 0xf80c74024c54ca5fL));
    }
}
