package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http_*} keys: off unless set, a token or TLS required off loopback, secrets never printed. */
class HttpSettingsTest {
    private static final String GENERAL = """
            [general]
            entityid = 00:11:22:33:44:01
            """;
    private static final String CLIENT = """

            [asterisk]
            serverhost = 127.0.0.1
            username = server1@localhost
            secret = s3cret
            pubsub_node = pubsub.localhost
            distribute_events = yes
            """;
    private static final String TOKEN = "f00dfeed-very-secret-token";

    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    private StatefedConfig read(String general) throws ConfigException {
        return new ConfigReader().read(files.write(GENERAL + general + CLIENT));
    }

    @Test
    void withoutHttpBindThereIsNoServer() throws ConfigException {
        assertThat(read("").general().http().enabled()).isFalse();
        assertThat(ConfigPrinter.print(read(""))).contains("; http_bind: not set (no HTTP API, board or metrics)");
    }

    @Test
    void aLoopbackBindNeedsNoToken() throws ConfigException {
        HttpConfig http = read("http_bind = 127.0.0.1:8088\n").general().http();

        assertThat(http.bind()).contains(new InetSocketAddress("127.0.0.1", 8088));
        assertThat(http.token()).isEmpty();
    }

    @Test
    void anyAddressWithATokenIsAcceptedAndTheTokenIsNeverPrinted() throws ConfigException {
        StatefedConfig config = read("http_bind = *:8088\nhttp_token = " + TOKEN + "\n");

        assertThat(config.general().http().bind().get().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(config.general().http().token()).contains(TOKEN);
        assertThat(ConfigPrinter.print(config)).contains("http_bind = 0.0.0.0:8088\nhttp_token = ***\n")
                .doesNotContain(TOKEN);
        assertThat(config.general().toString()).doesNotContain(TOKEN);
    }

    @Test
    void anIpv6LoopbackBindIsLoopback() throws ConfigException {
        assertThat(read("http_bind = [::1]:0\n").general().http().bind().get().getAddress().isLoopbackAddress())
                .isTrue();
    }

    @Test
    void aShortTokenIsRefusedWithoutRepeatingIt() {
        assertThat(files.errorsOf(GENERAL + "http_bind = 127.0.0.1:8088\nhttp_token = short-secret\n" + CLIENT))
                .containsExactly("jabber.conf:4: [general] http_token: must be at least 16 printable ASCII"
                        + " characters without spaces, e.g. the output of: openssl rand -hex 24");
    }

    @Test
    void aKeystoreNeedsItsPassword() {
        assertThat(files.errorsOf(GENERAL + "http_bind = 0.0.0.0:8443\nhttp_tls_keystore = web.p12\n" + CLIENT))
                .containsExactly("jabber.conf:1: [general] http_tls_keystore_password: is not set; the PKCS#12 file"
                        + " http_tls_keystore needs its password");
    }
}
