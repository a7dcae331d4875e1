package org.statefed.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConvergenceTest {
    @Test
    void sitesThatShowTheChangeGetATimeAndTheOthersNone() {
        Convergence<String> convergence = Convergence.await(List.of("A", "B"), Set.of("A")::contains,
                System.nanoTime(), Duration.ofMillis(20));

        assertThat(convergence.complete()).isFalse();
        assertThat(convergence.time("A")).hasValueSatisfying(t -> assertThat(t).isLessThan(Duration.ofMillis(20)));
        assertThat(convergence.time("B")).isEmpty();
    }

    @Test
    void everySiteShowingTheChangeIsComplete() {
        Convergence<String> convergence = Convergence.await(List.of("A", "B", "C"), site -> true, System.nanoTime(),
                Duration.ofSeconds(5));

        assertThat(convergence.complete()).isTrue();
        assertThat(List.of("A", "B", "C")).allSatisfy(site -> assertThat(convergence.time(site)).isPresent());
    }
}
