package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigErrorTest {
    private static final Path FILE = Path.of("jabber.conf");

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(new ConfigError(FILE, "asterisk", "port", 14, "99999", "must be a whole number"),
                        "jabber.conf:14: [asterisk] port = 99999: must be a whole number"),
                Arguments.of(new ConfigError(FILE, "asterisk", "secret", 3, null, "is required"),
                        "jabber.conf:3: [asterisk] secret: is required"),
                Arguments.of(new ConfigError(FILE, "common", null, 3, "(!)", "is a template"),
                        "jabber.conf:3: [common](!): is a template"),
                Arguments.of(new ConfigError(FILE, "asterisk", null, 9, null, "appears twice"),
                        "jabber.conf:9: [asterisk]: appears twice"),
                Arguments.of(new ConfigError(FILE, null, "entityid", 1, null, "is outside any section"),
                        "jabber.conf:1: entityid: is outside any section"),
                Arguments.of(new ConfigError(FILE, null, null, 7, null, "#include x: not supported"),
                        "jabber.conf:7: #include x: not supported"),
                Arguments.of(new ConfigError(FILE, "general", "entityid", null, null, "is not set"),
                        "jabber.conf: [general] entityid: is not set"),
                Arguments.of(new ConfigError(FILE, null, null, null, null, "no client section"),
                        "jabber.conf: no client section"));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void formatsLikeACompilerMessage(ConfigError error, String expected) {
        assertThat(error.format()).isEqualTo(expected);
        assertThat(error).hasToString(expected);
    }
}
