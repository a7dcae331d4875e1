package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** What ini4j itself refuses is reported with its line, never as a stack trace. */
class IniLoaderTest {

    @Test
    void textIni4jCannotParseBecomesAnErrorWithTheLine() {
        Findings findings = new Findings(Path.of("jabber.conf"));

        assertThat(IniLoader.load("[general]\nentityid=00:11:22:33:44:01\n[broken\n", findings)).isEmpty();

        assertThat(findings.errors()).extracting(ConfigError::format).containsExactly(
                "jabber.conf:3: statefed cannot read this line; expected a [section] header,"
                        + " a key = value setting or a ; comment");
    }

    @Test
    void repeatedKeysAndBackslashesArePreserved() {
        Findings findings = new Findings(Path.of("jabber.conf"));

        var ini = IniLoader.load("[a]\nbuddy=x@y\nbuddy=z@y\nsecret=a\\tb\\\n", findings).orElseThrow();

        assertThat(ini.get("a").getAll("buddy")).containsExactly("x@y", "z@y");
        assertThat(ini.get("a").get("secret")).isEqualTo("a\\tb\\");
        assertThat(findings.hasErrors()).isFalse();
    }
}
