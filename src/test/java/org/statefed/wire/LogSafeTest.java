package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogSafeTest {

    static Stream<Arguments> escapes() {
        return Stream.of(
                arguments("Custom:mystate", "Custom:mystate"),
                arguments("a\u0001b", "a\\u0001b"),
                arguments("line\nforged", "line\\u000aforged"),
                arguments("cr\r", "cr\\u000d"),
                arguments("bidi\u202Eevil", "bidi\\u202eevil"),
                arguments("sep\u2028x", "sep\\u2028x"),
                arguments("lone\uD800x", "lone\\ud800x"),
                arguments("caf\u00e9 \uD83D\uDE00", "caf\u00e9 \uD83D\uDE00"));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void controlAndFormatCharactersAreEscaped(String input, String expected) {
        assertThat(LogSafe.sanitise(input, 80)).isEqualTo(expected);
    }

    @Test
    void longTextIsCutToTheLimitWithAnEllipsis() {
        assertThat(LogSafe.sanitise("x".repeat(10_000), 80)).hasSize(80).endsWith("x\u2026");
        assertThat(LogSafe.sanitise("x".repeat(80), 80)).isEqualTo("x".repeat(80));
        assertThat(LogSafe.sanitise("x".repeat(81), 80)).isEqualTo("x".repeat(79) + "\u2026");
    }

    @Test
    void cutNeverSplitsAnEscapeOrASurrogatePair() {
        String escaped = LogSafe.sanitise("x".repeat(76) + "\u0001\u0001", 80);
        String emoji = LogSafe.sanitise("x".repeat(78) + "\uD83D\uDE00\uD83D\uDE00", 80);

        assertThat(escaped).isEqualTo("x".repeat(76) + "\u2026");
        assertThat(emoji).isEqualTo("x".repeat(78) + "\u2026");
    }

    @Test
    void sanitisingTwiceChangesNothing() {
        for (String input : new String[] {"a\u0001b", "x".repeat(500), "\u0001".repeat(100), "ok"}) {
            String once = LogSafe.sanitise(input, 80);

            assertThat(LogSafe.sanitise(once, 80)).isEqualTo(once);
        }
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(LogSafe.sanitise(null, 80)).isEmpty();
        assertThat(LogSafe.quote(null)).isEqualTo("(none)");
    }
}
