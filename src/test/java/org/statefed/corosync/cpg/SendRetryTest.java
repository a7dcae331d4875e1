package org.statefed.corosync.cpg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SendRetryTest {

    @Test
    void backoffDoublesFromTheFirstUpToTheMaximum() {
        SendRetry retry = new SendRetry(6, Duration.ofMillis(10), Duration.ofMillis(50));
        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofMillis(20));
        assertThat(retry.backoffAfter(3)).isEqualTo(Duration.ofMillis(40));
        assertThat(retry.backoffAfter(4)).isEqualTo(Duration.ofMillis(50));
        assertThat(retry.worstCaseWait()).isEqualTo(Duration.ofMillis(10 + 20 + 40 + 50 + 50));
    }

    @Test
    void theDefaultNeverKeepsACallerLongerThanASecond() {
        assertThat(SendRetry.DEFAULT.worstCaseWait()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new SendRetry(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("attempts");
        assertThatThrownBy(() -> new SendRetry(2, Duration.ofMillis(5), Duration.ofMillis(1)))
                .hasMessageContaining("firstBackoff <= maxBackoff");
    }
}
