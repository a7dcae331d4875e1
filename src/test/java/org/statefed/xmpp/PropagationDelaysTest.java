package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.state.MutableClock;
import org.statefed.wire.PublishTime;

class PropagationDelaysTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final PropagationDelays delays = new PropagationDelays(clock);
    private final List<Duration> recorded = new ArrayList<>();

    PropagationDelaysTest() {
        delays.sendTo((site, delay) -> recorded.add(delay));
    }

    private static PublishTime sentAgo(Duration ago) {
        return PublishTime.at(NOW.minus(ago));
    }

    static Stream<Arguments> publishTimes() {
        return Stream.of(
                Arguments.of("35 ms ago", sentAgo(Duration.ofMillis(35)), PropagationDelays.Outcome.RECORDED,
                        List.of(Duration.ofMillis(35))),
                Arguments.of("sent this very millisecond", sentAgo(Duration.ZERO), PropagationDelays.Outcome.RECORDED,
                        List.of(Duration.ZERO)),
                Arguments.of("59 min ago (slow, still believable)", sentAgo(Duration.ofMinutes(59)),
                        PropagationDelays.Outcome.RECORDED, List.of(Duration.ofMinutes(59))),
                Arguments.of("2 s ahead (clock skew)", sentAgo(Duration.ofSeconds(-2)), PropagationDelays.Outcome.CLAMPED,
                        List.of(Duration.ZERO)),
                Arguments.of("10 min ahead", sentAgo(Duration.ofMinutes(-10)), PropagationDelays.Outcome.FUTURE,
                        List.of()),
                Arguments.of("year 9999", PublishTime.parse("9999-12-31T23:59:59.999Z"), PropagationDelays.Outcome.FUTURE,
                        List.of()),
                Arguments.of("2 h ago", sentAgo(Duration.ofHours(2)), PropagationDelays.Outcome.TOO_OLD, List.of()),
                Arguments.of("year 0000", PublishTime.parse("0000-01-01T00:00:00Z"), PropagationDelays.Outcome.TOO_OLD,
                        List.of()),
                Arguments.of("unreadable", PublishTime.parse("soon"), PropagationDelays.Outcome.UNREADABLE, List.of()),
                Arguments.of("absent (Asterisk)", PublishTime.ABSENT, PropagationDelays.Outcome.ABSENT, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishTimes")
    void onlyABelievableTimeIsRecordedAndEveryOutcomeIsCounted(String description, PublishTime published,
            PropagationDelays.Outcome expected, List<Duration> expectedDelays) {
        PropagationDelays.Outcome outcome = delays.observe("site-b@example.com", published);

        assertThat(outcome).isEqualTo(expected);
        assertThat(recorded).isEqualTo(expectedDelays);
        assertThat(delays.count(expected)).isEqualTo(1);
        assertThat(delays.snapshot().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }

    @Test
    void theDelayIsMeasuredOnTheReceiversClockWhenObserved() {
        PublishTime published = sentAgo(Duration.ZERO);
        clock.advance(Duration.ofMillis(1_500));

        delays.observe("site-b@example.com", published);

        assertThat(recorded).containsExactly(Duration.ofMillis(1_500));
    }
}
