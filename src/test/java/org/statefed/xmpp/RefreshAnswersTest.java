package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.StateDigest;
import org.statefed.wire.RefreshRequestElement;

class RefreshAnswersTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId PEER = EntityId.parse("00:11:22:33:44:02");
    private static final EntityId OTHER = EntityId.parse("00:11:22:33:44:03");
    private static final StateDigest OURS = StateDigest.EMPTY.withDevice("SIP/100", DeviceState.INUSE, true);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Queue<Runnable> session = new ArrayDeque<>();
    private final AtomicInteger republishes = new AtomicInteger();
    private final Counters counters = new Counters();
    private final RefreshAnswers answers = new RefreshAnswers(INTERVAL, scheduler, session::add, OWN, () -> OURS,
            republishes::incrementAndGet, counters);

    private static RefreshRequestElement withoutDigest(EntityId from, int n) {
        return new RefreshRequestElement(from, "nonce-" + n);
    }

    private void runSession() {
        while (!session.isEmpty()) {
            session.poll().run();
        }
    }

    @Test
    void fiftyRequestsFromOneBuddyWithinTheIntervalCostOneRepublishNowAndOneWhenItEnds() {
        answers.requested(withoutDigest(PEER, 0));
        runSession();
        for (int i = 1; i <= 49; i++) {
            answers.requested(withoutDigest(PEER, i));
            runSession();
        }
        assertThat(republishes).hasValue(1);

        scheduler.advance(INTERVAL);
        runSession();
        assertThat(republishes).hasValue(2);

        scheduler.advance(INTERVAL.multipliedBy(3));
        runSession();
        assertThat(republishes).as("nothing more was asked").hasValue(2);
    }

    @Test
    void requestsFromSeveralPeersArrivingTogetherAreAnsweredByOneRepublish() {
        answers.requested(withoutDigest(PEER, 0));
        answers.requested(withoutDigest(OTHER, 0));
        runSession();
        assertThat(republishes).hasValue(1);
    }

    @Test
    void anotherPeerIsAnsweredAtOnceWhileOneIsWaitingForItsInterval() {
        answers.requested(withoutDigest(PEER, 0));
        runSession();
        answers.requested(withoutDigest(PEER, 1));
        answers.requested(withoutDigest(OTHER, 0));
        runSession();
        assertThat(republishes).hasValue(2);
    }

    @Test
    void aDeferredRequestThatHeldAllOurStatesWhenItArrivedIsNotAnsweredAfterOurStatesChanged() {
        java.util.concurrent.atomic.AtomicReference<StateDigest> ours = new java.util.concurrent.atomic.AtomicReference<>(OURS);
        RefreshAnswers changing = new RefreshAnswers(INTERVAL, scheduler, session::add, OWN, ours::get,
                republishes::incrementAndGet, counters);
        changing.requested(withoutDigest(PEER, 0));
        runSession();
        assertThat(republishes).hasValue(1);
        // Within the interval the peer asks again, now holding all we have (it got the first answer).
        changing.requested(new RefreshRequestElement(PEER, "n", List.of(new RefreshRequestElement.Have(OWN, OURS))));
        runSession();

        // A storm changes our states before the interval ends: those changes reach the peer live.
        ours.set(OURS.withDevice("SIP/101", DeviceState.BUSY, true));
        scheduler.advance(INTERVAL);
        runSession();
        assertThat(republishes).as("the second request lacked nothing when it arrived").hasValue(1);
    }

    @Test
    void whileWeHaveNoStatesAPeerHoldingNoneOfOursIsNotAnsweredNorItsNextRequestDeferredIntoALaterRepublish() {
        java.util.concurrent.atomic.AtomicReference<StateDigest> ours = new java.util.concurrent.atomic.AtomicReference<>(
                StateDigest.EMPTY);
        RefreshAnswers starting = new RefreshAnswers(INTERVAL, scheduler, session::add, OWN, ours::get,
                republishes::incrementAndGet, counters);
        // A cluster starts: the peer asks twice (its set-up, then a late subscription); nobody has states yet.
        starting.requested(withoutDigest(PEER, 0));
        runSession();
        starting.requested(withoutDigest(PEER, 1));
        runSession();
        assertThat(counters.get(Counters.Counter.REFRESH_SKIPPED)).isEqualTo(2);

        // A storm begins before the peer's interval would have ended.
        ours.set(OURS);
        scheduler.advance(INTERVAL);
        runSession();
        assertThat(republishes).as("neither request lacked anything when it arrived").hasValue(0);
    }

    @Test
    void aPeerThatHoldsExactlyOurStatesIsNotAnswered() {
        answers.requested(new RefreshRequestElement(PEER, "n", List.of(new RefreshRequestElement.Have(OWN, OURS))));
        runSession();
        assertThat(republishes).hasValue(0);
        assertThat(counters.get(Counters.Counter.REFRESH_SKIPPED)).isEqualTo(1);
    }

    @Test
    void aRequestAfterTheIntervalIsAnsweredAtOnce() {
        answers.requested(withoutDigest(PEER, 0));
        runSession();
        scheduler.advance(INTERVAL);
        answers.requested(withoutDigest(PEER, 1));
        runSession();
        assertThat(republishes).hasValue(2);
        assertThat(scheduler.pending()).isEqualTo(1);
    }
}
