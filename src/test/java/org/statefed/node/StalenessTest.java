package org.statefed.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.statefed.state.EntityId;

/** The link-neutral stale rule: a gone peer's entity ids are dropped after stale_timeout unless it returns. */
class StalenessTest {
    private static final Duration STALE = Duration.ofSeconds(30);
    private static final EntityId A = EntityId.parse("00:00:00:00:00:0a");
    private static final EntityId B = EntityId.parse("00:00:00:00:00:0b");

    private final List<Runnable> timers = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final Staleness staleness = new Staleness(STALE, (task, delay) -> {
        timers.add(task);
        delays.add(delay);
        int index = timers.size() - 1;
        return () -> timers.set(index, () -> { });
    }, Runnable::run, (eid, link) -> dropped.add(eid + " via " + link));

    @Test
    void goneEntityIdsAreDroppedWhenTheirTimerFires() {
        staleness.gone(Set.of(A, B), "corosync");

        assertThat(delays).containsOnly(STALE);
        assertThat(dropped).isEmpty();
        timers.forEach(Runnable::run);

        assertThat(dropped).containsExactlyInAnyOrder(A + " via corosync", B + " via corosync");
        assertThat(staleness.pending()).isEmpty();
    }

    @Test
    void anEntityIdHeardAgainBeforeItsTimerFiresIsKept() {
        staleness.gone(Set.of(A, B), "corosync");
        staleness.back(Set.of(A));

        timers.forEach(Runnable::run);

        assertThat(dropped).containsExactly(B + " via corosync");
    }

    @Test
    void aTimerCalledOffAndStartedAgainDropsOnlyOnce() {
        staleness.gone(Set.of(A), "sip");
        Runnable first = timers.get(0);
        staleness.back(Set.of(A));
        staleness.gone(Set.of(A), "sip");

        first.run();
        assertThat(dropped).isEmpty();
        timers.get(1).run();

        assertThat(dropped).containsExactly(A + " via sip");
    }

    @Test
    void goneTwiceKeepsTheFirstDeadline() {
        staleness.gone(Set.of(A), "corosync");
        staleness.gone(Set.of(A), "corosync");

        assertThat(timers).hasSize(1);
    }
}
