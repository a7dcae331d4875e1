package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The password never leaves the file: not in errors, notices, listings or toString(). */
class SecretsTest {
    private static final String PASSWORD = "hunter2-Xq9";

    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void passwordIsInNoErrorMessage() {
        String text = """
                secret = %1$s
                [general]
                entityid = 00:11:22:33:44:01
                %1$s
                [asterisk]
                serverhost = 127.0.0.1
                username = server1@localhost
                secret = %1$s
                secret = %1$s
                secert = %1$s
                password = %1$s
                oauth_secret = %1$s
                refresh_token = %1$s
                refresh_token = %1$s
                secret %1$s
                %1$s = %1$s
                """.formatted(PASSWORD);
        try {
            new ConfigReader(ConfigFiles.NO_MAC).read(files.write(text));
            throw new AssertionError("expected errors");
        } catch (ConfigException e) {
            assertThat(e.errors()).hasSizeGreaterThanOrEqualTo(8);
            assertThat(e.getMessage()).doesNotContain(PASSWORD);
            assertThat(e.errors()).allSatisfy(error -> {
                assertThat(error.toString()).doesNotContain(PASSWORD);
                assertThat(String.valueOf(error.value())).doesNotContain(PASSWORD);
            });
        }
    }

    @Test
    void passwordIsInNoListingNoticeOrToString() throws ConfigException {
        StatefedConfig config = files.read("""
                [general]
                entityid = 00:11:22:33:44:01
                [asterisk]
                serverhost = 127.0.0.1
                username = server1@localhost
                secret = %1$s
                oauth_secret = %1$s
                usetls = no
                """.formatted(PASSWORD));

        assertThat(config.clients().get(0).secret()).isEqualTo(PASSWORD);
        assertThat(config.toString()).doesNotContain(PASSWORD).contains("secret=***");
        assertThat(config.notices()).isNotEmpty().allSatisfy(n -> assertThat(n).doesNotContain(PASSWORD));
        assertThat(ConfigPrinter.print(config)).doesNotContain(PASSWORD).contains("secret = ***");
    }

    @Test
    void errorRecordMasksASecretValueGivenToIt() {
        ConfigError error = new ConfigError(Path.of("jabber.conf"), "asterisk", "Secret", 3, PASSWORD, "bad");

        assertThat(error.value()).isEqualTo("***");
        assertThat(error.format()).isEqualTo("jabber.conf:3: [asterisk] Secret = ***: bad");
    }
}
