package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    @ParameterizedTest(name = "attempt {0} waits {1} s")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "6, 32", "7, 60", "8, 60", "100, 60", "2147483647, 60"})
    void connectBackoffDoublesFromOneSecondAndCapsAtSixty(int attempt, long seconds) {
        assertThat(Backoff.CONNECT.delay(attempt)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "attempt {0} waits {1} s")
    @CsvSource({"1, 1", "5, 1", "6, 2", "7, 4", "11, 60", "2147483647, 60"})
    void reconnectBackoffWaitsOneSecondFiveTimesThenDoubles(int attempt, long seconds) {
        assertThat(Backoff.RECONNECT.delay(attempt)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
