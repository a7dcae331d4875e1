package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HintTest {

    @Test
    void parsesNameAndDevicesTrimmingEach() {
        Hint hint = Hint.parse(" 100@default ", " Custom:a & SIP/100 ");

        assertThat(hint).isEqualTo(new Hint("100", "default", List.of("Custom:a", "SIP/100")));
        assertThat(hint.name()).isEqualTo("100@default");
        assertThat(hint.devicesText()).isEqualTo("Custom:a&SIP/100");
    }

    @Test
    void singleDeviceHint() {
        Hint hint = Hint.parse("_1XX@internal", "PJSIP/alice");

        assertThat(hint.exten()).isEqualTo("_1XX");
        assertThat(hint.context()).isEqualTo("internal");
        assertThat(hint.devices()).containsExactly("PJSIP/alice");
    }

    static Stream<Arguments> malformedHints() {
        return Stream.of(
                Arguments.of(null, "SIP/100", "hint name is empty"),
                Arguments.of("  ", "SIP/100", "hint name is empty"),
                Arguments.of("100default", "SIP/100", "hint name '100default' has no '@'"),
                Arguments.of("@default", "SIP/100", "hint name '@default' has an empty extension"),
                Arguments.of("100@", "SIP/100", "hint name '100@' has an empty context"),
                Arguments.of("100@a@b", "SIP/100", "context 'a@b' must not contain '@'"),
                Arguments.of("1\u00070@default", "SIP/100", "extension '1\\u00070' contains control character U+0007 at position 2"),
                Arguments.of("100@def\tault", "SIP/100", "context 'def\\u0009ault' contains control character U+0009 at position 4"),
                Arguments.of("100@default", null, "hint 100@default has no devices"),
                Arguments.of("100@default", " ", "hint 100@default has no devices"),
                Arguments.of("100@default", "SIP/100&&Custom:a", "device 2 in 'SIP/100&&Custom:a' is empty"),
                Arguments.of("100@default", "SIP/100&", "device 2 in 'SIP/100&' is empty"),
                Arguments.of("100@default", "& SIP/100", "device 1 in '& SIP/100' is empty"),
                Arguments.of("100@default", "SIP/1\u00000", "device 1 of hint 100@default 'SIP/1\\u00000' contains control character U+0000 at position 6"));
    }

    @ParameterizedTest(name = "[{0}] [{1}] -> {2}")
    @MethodSource("malformedHints")
    void malformedHintIsRejectedSayingWhatIsWrong(String name, String devices, String message) {
        assertThatThrownBy(() -> Hint.parse(name, devices))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void constructorValidatesToo() {
        assertThatThrownBy(() -> new Hint("100", "default", List.of()))
                .hasMessage("hint 100@default has no devices");
        assertThatThrownBy(() -> new Hint("100", "default", List.of("SIP/1&SIP/2")))
                .hasMessageContaining("device 1 of hint 100@default 'SIP/1&SIP/2' must not contain '&'");
        assertThatThrownBy(() -> new Hint("", "default", List.of("SIP/1")))
                .hasMessage("extension is empty");
    }

    @Test
    void devicesAreReadOnly() {
        Hint hint = Hint.parse("100@default", "SIP/100");

        assertThatThrownBy(() -> hint.devices().add("SIP/200")).isInstanceOf(UnsupportedOperationException.class);
    }
}
