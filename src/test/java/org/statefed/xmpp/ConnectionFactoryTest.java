package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.config.ClientConfig;
import org.statefed.config.ClientType;
import org.statefed.config.PresenceStatus;

class ConnectionFactoryTest {
    private static final String SECRET = "hunter2-very-secret";

    private static ClientConfig client(boolean useTls) throws Exception {
        return new ClientConfig("asterisk", ClientType.CLIENT, "xmpp.example.com", 5222, "pubsub.example.com",
                JidCreate.entityBareFrom("site1@example.com"), Optional.empty(), SECRET, 1, true,
                PresenceStatus.AVAILABLE, "", useTls, true, false, true, Duration.ofSeconds(10), "default", false,
                List.of(), Optional.empty());
    }

    @ParameterizedTest(name = "usetls={0} -> {1}")
    @CsvSource({"true, required", "false, disabled"})
    void tlsIsRequiredWithCertificateChecksUnlessConfiguredOff(boolean useTls, SecurityMode expected) throws Exception {
        XMPPTCPConnection connection = ConnectionFactory.create(client(useTls), "r", new SiteSockets(), (c, iq) -> { });
        assertThat(connection.getConfiguration().getSecurityMode()).isEqualTo(expected);
        // Smack's default verifier checks the certificate's host name; statefed installs no lenient one.
        assertThat(connection.getConfiguration().getHostnameVerifier().getClass().getName())
                .doesNotContainIgnoringCase("trustall").doesNotContainIgnoringCase("noop");
    }

    @ParameterizedTest(name = "usetls={0}")
    @CsvSource({"true", "false"})
    void thePasswordAppearsInNoDescriptionOfTheConnectionOrItsConfiguration(boolean useTls) throws Exception {
        ClientConfig config = client(useTls);
        XMPPTCPConnection connection = ConnectionFactory.create(config, "r", new SiteSockets(), (c, iq) -> { });
        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(connection.toString()).doesNotContain(SECRET);
        assertThat(connection.getConfiguration().toString()).doesNotContain(SECRET);
    }
}
