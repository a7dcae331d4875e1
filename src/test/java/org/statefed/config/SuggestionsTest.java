package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("port", "priority", "pubsub_node", "serverhost", "secret");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "prot, port",
        "PORT, port",
        "pubsub-node, pubsub_node",
        "pubsubnode, pubsub_node",
        "severhost, serverhost",
        "secert, secret",
        "priorty, priority",
        "colour, ''",
        "pubsub, ''"})
    void suggestsTheNearestKeyWithinTwoEdits(String typed, String expected) {
        assertThat(Suggestions.nearest(typed, KEYS).orElse("")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} to {1} is {2}")
    @CsvSource({"kitten, sitting, 3", "'', abc, 3", "abc, abc, 0", "ab, ba, 2", "flaw, lawn, 2"})
    void distanceIsLevenshtein(String a, String b, int expected) {
        assertThat(Suggestions.distance(a, b)).isEqualTo(expected);
    }
}
