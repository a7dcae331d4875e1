package org.statefed.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ConvergenceTest {
    private static final Duration DEADLINE = Duration.ofMillis(20);

    @Test
    void sitesThatShowTheChangeGetATimeAndTheOthersNoneOnceTheDeadlinePassed() {
        long before = System.nanoTime();
        Convergence<String> convergence = Convergence.await(List.of("A", "B"), Set.of("A")::contains, before,
                DEADLINE);
        Duration call = Duration.ofNanos(System.nanoTime() - before);

        assertThat(convergence.complete()).isFalse();
        assertThat(call).as("waited for B until the deadline").isGreaterThanOrEqualTo(DEADLINE);
        // Measured while the call ran: no wall-clock guess about how fast this machine is.
        assertThat(convergence.time("A")).hasValueSatisfying(t -> assertThat(t).isBetween(Duration.ZERO, call));
        assertThat(convergence.time("B")).isEmpty();
    }

    @Test
    void timesCountFromTheChangeNotFromTheCall() {
        Duration changeAgo = Duration.ofSeconds(3);
        long change = System.nanoTime() - changeAgo.toNanos();

        Convergence<String> convergence = Convergence.await(List.of("A"), site -> true, change, Duration.ofSeconds(5));

        assertThat(convergence.time("A")).hasValueSatisfying(t -> assertThat(t).isGreaterThanOrEqualTo(changeAgo));
    }

    @Test
    void aSiteShowingTheChangeLaterGetsALaterTime() {
        AtomicInteger polls = new AtomicInteger();
        long before = System.nanoTime();

        Convergence<String> convergence = Convergence.await(List.of("A", "B"),
                site -> site.equals("A") || polls.incrementAndGet() > 3, before, Duration.ofSeconds(5));

        assertThat(convergence.complete()).isTrue();
        assertThat(convergence.time("B").orElseThrow()).isGreaterThan(convergence.time("A").orElseThrow());
    }

    @Test
    void everySiteShowingTheChangeIsComplete() {
        Convergence<String> convergence = Convergence.await(List.of("A", "B", "C"), site -> true, System.nanoTime(),
                Duration.ofSeconds(5));

        assertThat(convergence.complete()).isTrue();
        assertThat(List.of("A", "B", "C")).allSatisfy(site -> assertThat(convergence.time(site)).isPresent());
    }
}
