package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceStateTest {

    /** Asterisk's pairwise aggregation, as specified; row = first state, column = second. */
    private static final String PAIR_TABLE = """
            first\\second UNKNOWN   NOT_INUSE INUSE     BUSY      INVALID   UNAVAIL.  RINGING   RINGINUSE ONHOLD
            UNKNOWN      UNKNOWN   NOT_INUSE INUSE     BUSY      UNKNOWN   UNAVAIL.  RINGING   RINGINUSE ONHOLD
            NOT_INUSE    NOT_INUSE NOT_INUSE INUSE     BUSY      NOT_INUSE NOT_INUSE RINGING   RINGINUSE ONHOLD
            INUSE        INUSE     INUSE     INUSE     BUSY      INUSE     INUSE     RINGINUSE RINGINUSE INUSE
            BUSY         BUSY      BUSY      BUSY      BUSY      BUSY      BUSY      RINGINUSE RINGINUSE BUSY
            INVALID      UNKNOWN   NOT_INUSE INUSE     BUSY      INVALID   UNAVAIL.  RINGING   RINGINUSE ONHOLD
            UNAVAILABLE  UNAVAIL.  NOT_INUSE INUSE     BUSY      UNAVAIL.  UNAVAIL.  RINGING   RINGINUSE ONHOLD
            RINGING      RINGING   RINGING   RINGINUSE RINGINUSE RINGING   RINGING   RINGING   RINGINUSE RINGINUSE
            RINGINUSE    (RINGINUSE in every column)
            ONHOLD       ONHOLD    ONHOLD    INUSE     BUSY      ONHOLD    ONHOLD    RINGINUSE RINGINUSE ONHOLD
            """;

    static List<Arguments> pairTable() {
        String[] lines = PAIR_TABLE.strip().split("\n");
        String[] header = lines[0].trim().split("\\s+");
        List<Arguments> cases = new ArrayList<>();
        for (int row = 1; row < lines.length; row++) {
            String[] cells = lines[row].trim().split("\\s+", 2);
            DeviceState first = cell(cells[0]);
            String rest = cells[1].trim();
            for (int col = 1; col < header.length; col++) {
                DeviceState expected;
                if (rest.startsWith("(")) {
                    expected = cell(rest.substring(1, rest.indexOf(' ')));
                } else {
                    expected = cell(rest.split("\\s+")[col - 1]);
                }
                cases.add(Arguments.of(first, cell(header[col]), expected));
            }
        }
        return cases;
    }

    private static DeviceState cell(String text) {
        return text.equals("UNAVAIL.") ? DeviceState.UNAVAILABLE : DeviceState.parse(text);
    }

    @Test
    void pairTableCoversEveryOrderedPair() {
        assertThat(pairTable()).hasSize(81)
                .extracting(a -> List.of(a.get()[0], a.get()[1]))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} then {1} -> {2}")
    @MethodSource("pairTable")
    void twoStatesAggregateAsAsteriskDoes(DeviceState first, DeviceState second, DeviceState expected) {
        assertThat(DeviceState.aggregate(List.of(first, second))).isEqualTo(expected);
    }

    @Test
    void nothingAggregatesToInvalid() {
        assertThat(DeviceState.aggregate(List.of())).isEqualTo(DeviceState.INVALID);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "RINGING NOT_INUSE ONHOLD,  RINGINUSE",
        "ONHOLD NOT_INUSE RINGING,  RINGINUSE",
        "RINGING UNAVAILABLE BUSY,  RINGINUSE",
        "NOT_INUSE UNKNOWN INVALID, NOT_INUSE",
        "INVALID UNAVAILABLE UNKNOWN, UNAVAILABLE",
        "ONHOLD INUSE NOT_INUSE,    INUSE",
        "RINGING RINGING NOT_INUSE, RINGING",
    })
    void threeStatesAggregate(String states, DeviceState expected) {
        assertThat(DeviceState.aggregate(states(states))).isEqualTo(expected);
    }

    static Stream<List<DeviceState>> threeAndFourStates() {
        DeviceState[] all = DeviceState.values();
        Stream.Builder<List<DeviceState>> lists = Stream.builder();
        for (DeviceState a : all) {
            for (DeviceState b : all) {
                for (DeviceState c : all) {
                    lists.add(List.of(a, b, c));
                    for (DeviceState d : all) {
                        lists.add(List.of(a, b, c, d));
                    }
                }
            }
        }
        return lists.build();
    }

    @Test
    void aggregateDoesNotDependOnOrder() {
        threeAndFourStates().forEach(states -> {
            DeviceState expected = DeviceState.aggregate(states);
            for (List<DeviceState> permutation : permutations(states)) {
                assertThat(DeviceState.aggregate(permutation)).as("%s vs %s", permutation, states).isEqualTo(expected);
            }
        });
    }

    @Test
    void aggregatorCanBeResetAndReused() {
        DeviceState.Aggregator aggregator = new DeviceState.Aggregator();
        aggregator.add(DeviceState.RINGING).add(DeviceState.BUSY);
        assertThat(aggregator.result()).isEqualTo(DeviceState.RINGINUSE);
        aggregator.reset().add(DeviceState.RINGING);
        assertThat(aggregator.result()).isEqualTo(DeviceState.RINGING);
        assertThat(aggregator.reset().result()).isEqualTo(DeviceState.INVALID);
    }

    @ParameterizedTest(name = "{0} is ''{1}'' shown as ''{2}''")
    @CsvSource({
        "UNKNOWN,     UNKNOWN,     Unknown",
        "NOT_INUSE,   NOT_INUSE,   Not in use",
        "INUSE,       INUSE,       In use",
        "BUSY,        BUSY,        Busy",
        "INVALID,     INVALID,     Invalid",
        "UNAVAILABLE, UNAVAILABLE, Unavailable",
        "RINGING,     RINGING,     Ringing",
        "RINGINUSE,   RINGINUSE,   Ring+Inuse",
        "ONHOLD,      ONHOLD,      On Hold",
    })
    void tokensAndDisplayTextsAreAsterisks(DeviceState state, String token, String displayText) {
        assertThat(state.token()).isEqualTo(token);
        assertThat(state.toString()).isEqualTo(token);
        assertThat(state.displayText()).isEqualTo(displayText);
        assertThat(DeviceState.parse(token)).isSameAs(state);
        assertThat(DeviceState.parse(token.toLowerCase(Locale.ROOT))).isSameAs(state);
        assertThat(DeviceState.parse(mixedCase(token))).isSameAs(state);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "INUSE ", " INUSE", "FOO", "In use", "NOT-INUSE"})
    void unknownTokenIsRejectedNamingTheToken(String token) {
        assertThatThrownBy(() -> DeviceState.parse(token))
                .isInstanceOf(UnknownDeviceStateException.class)
                .hasMessageContaining(token == null ? "(none)" : "'" + token + "'")
                .hasMessageContaining("NOT_INUSE")
                .satisfies(e -> assertThat(((UnknownDeviceStateException) e).token()).isEqualTo(token));
    }

    private static List<DeviceState> states(String text) {
        List<DeviceState> states = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            states.add(DeviceState.parse(token));
        }
        return states;
    }

    private static String mixedCase(String token) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            sb.append(i % 2 == 0 ? Character.toLowerCase(c) : c);
        }
        return sb.toString();
    }

    private static List<List<DeviceState>> permutations(List<DeviceState> states) {
        if (states.size() <= 1) {
            return List.of(states);
        }
        List<List<DeviceState>> result = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            List<DeviceState> rest = new ArrayList<>(states);
            DeviceState head = rest.remove(i);
            for (List<DeviceState> tail : permutations(rest)) {
                List<DeviceState> permutation = new ArrayList<>();
                permutation.add(head);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
