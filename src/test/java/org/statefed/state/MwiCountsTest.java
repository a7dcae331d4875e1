package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MwiCountsTest {

    @ParameterizedTest(name = "{0}/{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "-1 | 0  | new message count must not be negative: -1",
        "0  | -3 | old message count must not be negative: -3",
        "-2 | -2 | new message count must not be negative: -2",
    })
    void negativeCountsAreRejected(int newMessages, int oldMessages, String message) {
        assertThatThrownBy(() -> new MwiCounts(newMessages, oldMessages))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void zeroAndLargeCountsAreFine() {
        assertThat(new MwiCounts(0, 0)).isEqualTo(new MwiCounts(0, 0));
        assertThat(new MwiCounts(Integer.MAX_VALUE, 7).newMessages()).isEqualTo(Integer.MAX_VALUE);
    }
}
