package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.state.EntityId;

/** Valid files and what statefed makes of them. */
class ConfigReaderTest {
    private static final String MINIMAL = """
            [general]
            entityid = 00:11:22:33:44:01

            [asterisk]
            serverhost = xmpp.example.com
            username = server1@example.com
            secret = s3cret
            """;

    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void sampleFileIsValid() throws ConfigException {
        Path sample = Paths.get("jabber.conf.sample");

        StatefedConfig config = new ConfigReader(ConfigFiles.NO_MAC).read(sample);

        assertThat(config.general().entityId()).isEqualTo(EntityId.parse("00:11:22:33:44:01"));
        assertThat(config.general().entityIdDerived()).isFalse();
        assertThat(config.general().pubsubLayout()).isEqualTo(PubsubLayout.PER_SITE);
        assertThat(config.general().adminSocket()).isEqualTo(sample.toAbsolutePath().getParent().resolve("statefed.sock"));
        assertThat(config.general().autoregister()).isTrue();
        assertThat(config.general().authPolicy()).isEqualTo(AuthPolicy.ACCEPT);
        assertThat(config.clients()).singleElement().satisfies(client -> {
            assertThat(client.name()).isEqualTo("asterisk");
            assertThat(client.serverHost()).isEqualTo("127.0.0.1");
            assertThat(client.displayJid()).isEqualTo("server1@localhost/site1");
            assertThat(client.pubsubService()).isEqualTo("pubsub.localhost");
            assertThat(client.distributeEvents()).isTrue();
            assertThat(client.useTls()).isFalse();
            assertThat(client.buddies()).extracting(Object::toString)
                    .containsExactly("server2@localhost", "server3@localhost");
        });
        assertThat(config.hints()).containsExactly(org.assertj.core.api.Assertions.entry(
                "1234@devstate_test", "Custom:mystate"));
        assertThat(config.notices()).singleElement().asString().startsWith("[asterisk] usetls = no (line ");
        assertThat(config.sectionOrder()).containsExactly("general", "asterisk", "hints");
    }

    @Test
    void unsetKeysTakeAsterisksDefaults() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL);

        GeneralConfig general = config.general();
        assertThat(general.debug()).isFalse();
        assertThat(general.autoprune()).isFalse();
        assertThat(general.autoregister()).isTrue();
        assertThat(general.collectionNodes()).isFalse();
        assertThat(general.pubsubAutocreate()).isFalse();
        assertThat(general.authPolicy()).isEqualTo(AuthPolicy.ACCEPT);
        assertThat(general.adminSocket()).isEqualTo(Path.of("/run/statefed/statefed.sock"));
        assertThat(general.pubsubLayout()).isEqualTo(PubsubLayout.PER_SITE);
        assertThat(general.staleTimeout()).isEqualTo(Duration.ofSeconds(30));
        ClientConfig client = config.clients().get(0);
        assertThat(client.type()).isEqualTo(ClientType.CLIENT);
        assertThat(client.port()).isEqualTo(5222);
        assertThat(client.resource()).isEmpty();
        assertThat(client.hasPubsubService()).isFalse();
        assertThat(client.priority()).isEqualTo(1);
        assertThat(client.distributeEvents()).isFalse();
        assertThat(client.status()).isEqualTo(PresenceStatus.AVAILABLE);
        assertThat(client.statusMessage()).isEqualTo("Online and Available");
        assertThat(client.useTls()).isTrue();
        assertThat(client.useSasl()).isTrue();
        assertThat(client.forceOldSsl()).isFalse();
        assertThat(client.keepalive()).isTrue();
        assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(client.context()).isEqualTo("default");
        assertThat(client.sendToDialplan()).isFalse();
        assertThat(client.buddies()).isEmpty();
        assertThat(client.tlsCaFile()).isEmpty();
        assertThat(config.hints()).isEmpty();
        assertThat(config.notices()).containsExactly(
                "no client section has distribute_events = yes, so statefed will share no device state or MWI");
    }

    @Test
    void aSharingAccountWithoutPubsubNodeUsesItsOwnPepServiceAndCheckConfigSaysSo() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL + "distribute_events = yes\nbuddy = server2@example.org\n");
        assertThat(config.clients().get(0).hasPubsubService()).isFalse();
        assertThat(config.notices()).containsExactly("[asterisk] no pubsub_node: this account publishes to its own"
                + " PEP service (XEP-0163, pubsub_layout = pep), whatever pubsub_layout says; its buddies must use pep"
                + " too, and each pair of buddies needs a presence subscription both ways");
    }

    @Test
    void alternateServersAreReadInOrderWithTheSectionsPortAsDefault() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL + "port = 5333\nalternate_server = node2.example.com\n"
                + "alternate_server = 192.0.2.7:5999\n");
        assertThat(config.clients().get(0).alternateServers()).containsExactly(
                new ServerAddress("node2.example.com", 5333), new ServerAddress("192.0.2.7", 5999));
    }

    @ParameterizedTest(name = "alternate_server = {0}")
    @CsvSource(delimiter = '|', value = {
        "node2.example.com       | node2.example.com | 5333",
        "node2.example.com:5999  | node2.example.com | 5999",
        "192.0.2.7               | 192.0.2.7         | 5333",
        "192.0.2.7:5999          | 192.0.2.7         | 5999",
        "[::1]                   | ::1               | 5333",
        "[::1]:5222              | ::1               | 5222",
        "[2001:db8::7]:5999      | 2001:db8::7       | 5999",
        "[::ffff:192.0.2.7]:5999 | ::ffff:192.0.2.7  | 5999"})
    void alternateServerTakesAHostAnIpv4OrABracketedIpv6AddressWithOrWithoutAPort(String value, String host, int port)
            throws ConfigException {
        StatefedConfig config = files.read(MINIMAL + "port = 5333\nalternate_server = " + value + "\n");
        assertThat(config.clients().get(0).alternateServers()).containsExactly(new ServerAddress(host, port));
    }

    @Test
    void anIpv6AlternateServerIsWrittenBackInBrackets() {
        assertThat(new ServerAddress("::1", 5222)).hasToString("[::1]:5222");
        assertThat(new ServerAddress("node2.example.com", 5222)).hasToString("node2.example.com:5222");
    }

    @Test
    void buddyPubsubNamesTheServiceOfABuddyOnAnotherDomain() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL + "pubsub_node = pubsub.example.com\ndistribute_events = yes\n"
                + "buddy = site3@eu.example.net\nbuddy = site2@example.com\n"
                + "buddy_pubsub = site3@eu.example.net  ps.eu.example.net\n");
        assertThat(config.clients().get(0).buddyPubsub()).containsExactly(java.util.Map.entry(
                org.jxmpp.jid.impl.JidCreate.entityBareFromOrThrowUnchecked("site3@eu.example.net"),
                org.jxmpp.jid.impl.JidCreate.domainBareFromOrThrowUnchecked("ps.eu.example.net")));
        assertThat(config.notices()).isEmpty();
    }

    @Test
    void theAsteriskLayoutWithBuddiesOnAnotherDomainIsToldWhoMayCreateTheSharedNodes() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL.replace("[asterisk]", "pubsub_layout = asterisk\n\n[asterisk]")
                + "pubsub_node = pubsub.example.com\ndistribute_events = yes\nbuddy = site3@eu.example.net\n"
                + "buddy = site2@example.com\n");
        assertThat(config.notices()).containsExactly("[asterisk] buddies on another domain than example.com"
                + " [site3@eu.example.net] with pubsub_layout = asterisk: every site must name the same pubsub_node,"
                + " here pubsub.example.com; sites on other servers use it across s2s, but only accounts its server"
                + " lets create nodes can create the two shared nodes (by default not accounts of other domains): a"
                + " site on that server must start first, or its admin allows them; with servers per region,"
                + " pubsub_layout = per-site or pep keeps each site's nodes on its own server");
    }

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource({
        "yes, true", "YES, true", "true, true", "True, true", "on, true", "1, true", "y, true", "t, true",
        "no, false", "NO, false", "false, false", "off, false", "Off, false", "0, false", "n, false", "f, false"})
    void booleanWordsAreAsterisks(String word, boolean expected) throws ConfigException {
        StatefedConfig config = files.read(MINIMAL + "usesasl = " + word + "\n");

        assertThat(config.clients().get(0).useSasl()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "status = {0}")
    @CsvSource({"chat, CHAT", "chatty, CHAT", "available, AVAILABLE", "online, AVAILABLE", "away, AWAY",
        "xaway, XAWAY", "xa, XAWAY", "DND, DND"})
    void statusAcceptsAsterisksWords(String word, PresenceStatus expected) throws ConfigException {
        assertThat(files.read(MINIMAL + "status = " + word + "\n").clients().get(0).status()).isEqualTo(expected);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        try (java.io.InputStream ca = ConfigReaderTest.class.getResourceAsStream("test-ca.pem")) {
            java.nio.file.Files.copy(ca, dir.resolve("ca.pem"));
        }
        StatefedConfig config = files.read("""
                [general]
                debug = yes
                autoprune = yes
                autoregister = no
                collection_nodes = yes
                pubsub_autocreate = yes
                auth_policy = deny
                entityid = 00:11:22:AA:bb:01
                admin_socket = /var/run/sf.sock
                pubsub_layout = asterisk
                stale_timeout = 0
                state_file = /srv/statefed/cluster.db
                [asterisk]
                type = client
                serverhost = xmpp.example.com
                port = 5223
                username = Server1@Example.com/site1
                secret = s3cret
                pubsub_node = pubsub.example.com
                distribute_events = yes
                priority = -5
                status = dnd
                statusmessage = Busy; really
                usetls = yes
                usesasl = no
                forceoldssl = no
                keepalive = no
                timeout = 10
                context = messages
                sendtodialplan = yes
                buddy = server2@example.com
                tls_ca_file = ca.pem
                """);

        GeneralConfig general = config.general();
        assertThat(general).isEqualTo(new GeneralConfig(true, true, false, true, true, AuthPolicy.DENY,
                EntityId.parse("00:11:22:aa:bb:01"), false, Path.of("/var/run/sf.sock"), PubsubLayout.ASTERISK,
                Duration.ZERO, Path.of("/srv/statefed/cluster.db")));
        ClientConfig client = config.clients().get(0);
        assertThat(client.port()).isEqualTo(5223);
        assertThat((Object) client.jid()).isEqualTo(JidCreate.entityBareFromOrThrowUnchecked("server1@example.com"));
        assertThat(client.resource()).map(Object::toString).contains("site1");
        assertThat(client.priority()).isEqualTo(-5);
        assertThat(client.status()).isEqualTo(PresenceStatus.DND);
        assertThat(client.statusMessage()).as("a ; starts a comment, as in Asterisk").isEqualTo("Busy");
        assertThat(client.useSasl()).isFalse();
        assertThat(client.keepalive()).isFalse();
        assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(client.context()).isEqualTo("messages");
        assertThat(client.sendToDialplan()).isTrue();
        assertThat(client.tlsCaFile()).contains(dir.resolve("ca.pem"));
        assertThat(config.notices()).containsExactly(
                "ignored by statefed: [asterisk] forceoldssl = no (line 26): statefed connects with STARTTLS"
                        + " (usetls), never legacy direct SSL",
                "ignored by statefed: [asterisk] context = messages (line 29): it is the Asterisk dialplan context"
                        + " for incoming chat messages",
                "ignored by statefed: [asterisk] sendtodialplan = yes (line 30): it routes incoming chat messages"
                        + " into the Asterisk dialplan");
    }

    @Test
    void buddyRepeatsAndDuplicatesAreDroppedWithANotice() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL + """
                buddy = server2@example.com
                buddy = server3@example.com
                buddy = Server2@Example.com
                """);

        assertThat(config.clients().get(0).buddies()).extracting(Object::toString)
                .containsExactly("server2@example.com", "server3@example.com");
        assertThat(config.notices()).contains(
                "[asterisk] buddy = Server2@Example.com (line 10) repeats line 8; the repeat is ignored");
    }

    @Test
    void asteriskArrowAssignmentAndCommentsAreUnderstood() throws ConfigException {
        StatefedConfig config = files.read("""
                ;-- a block comment
                [nothing]
                --;
                [general] ; the general section
                entityid => 00:11:22:33:44:01
                [asterisk]
                serverhost=>xmpp.example.com ; trailing comment
                USERNAME => server1@example.com
                secret => s3cret
                port=>5223
                """);

        assertThat(config.clients()).singleElement().satisfies(client -> {
            assertThat(client.serverHost()).isEqualTo("xmpp.example.com");
            assertThat(client.port()).isEqualTo(5223);
        });
    }

    @Test
    void backslashesInTheSecretSurvive() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL.replace("secret = s3cret", "secret = a\\b\\n\\;c\\"));

        assertThat(config.clients().get(0).secret()).isEqualTo("a\\b\\n;c\\");
    }

    @Test
    void relativeAdminSocketIsResolvedAgainstTheFilesDirectory() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL.replace("[asterisk]", "admin_socket = run/../sf.sock\n[asterisk]"));

        assertThat(config.general().adminSocket()).isEqualTo(dir.resolve("sf.sock"));
    }

    @Test
    void missingEntityIdIsDerivedFromTheMacAddressWithANotice() throws ConfigException {
        StatefedConfig config = new ConfigReader(ConfigFiles.ETH0).read(files.write(MINIMAL.replace(
                "entityid = 00:11:22:33:44:01", "")));

        assertThat(config.general().entityId()).isEqualTo(EntityId.parse("02:42:ac:11:00:02"));
        assertThat(config.general().entityIdDerived()).isTrue();
        assertThat(config.notices()).contains("entityid not set: derived 02:42:ac:11:00:02 from interface eth0;"
                + " set it explicitly so it stays stable");
    }

    @Test
    void missingEntityIdWithoutMacAddressTellsToSetIt() {
        assertThat(files.errorsOf(MINIMAL.replace("entityid = 00:11:22:33:44:01", "")))
                .containsExactly("jabber.conf:1: [general] entityid: is not set, and no network interface has a"
                        + " MAC address to derive it from; set it, e.g. entityid = 00:11:22:33:44:55"
                        + " (six hex pairs, different at each site)");
    }

    @Test
    void missingGeneralSectionWithoutMacAddressTellsToSetEntityId() {
        assertThat(files.errorsOf(MINIMAL.replace("[general]\nentityid = 00:11:22:33:44:01\n", "")))
                .containsExactly("jabber.conf: [general] entityid: is not set, and no network interface has a"
                        + " MAC address to derive it from; set it, e.g. entityid = 00:11:22:33:44:55"
                        + " (six hex pairs, different at each site)");
    }

    @Test
    void unlistableInterfacesAreReportedWithTheReason() {
        ConfigReader reader = new ConfigReader(() -> {
            throw new IOException("netlink unavailable");
        });

        assertThat(files.errorsOf(reader, MINIMAL.replace("entityid = 00:11:22:33:44:01", "")))
                .containsExactly("jabber.conf:1: [general] entityid: is not set, and the network interfaces could"
                        + " not be listed to derive it from a MAC address (netlink unavailable); set it,"
                        + " e.g. entityid = 00:11:22:33:44:55 (six hex pairs, different at each site)");
    }

    @Test
    void missingCaFileIsReportedWithThePathLookedAt() {
        assertThat(files.errorsOf(MINIMAL + "tls_ca_file = certs/ca.pem\n")).containsExactly(
                "jabber.conf:8: [asterisk] tls_ca_file = certs/ca.pem: no such file (looked for "
                        + dir.resolve("certs/ca.pem") + ")");
    }

    @Test
    void componentSectionsAreSkippedWithANotice() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL + """

                [gateway]
                type = component
                serverhost = xmpp.example.com
                username = asterisk.example.com
                secret = s3cret
                """);

        assertThat(config.clients()).extracting(ClientConfig::name).containsExactly("asterisk");
        assertThat(config.notices()).contains("ignored by statefed: [gateway] type = component (line 10):"
                + " statefed logs in as an XMPP client only, so this section is skipped");
    }

    @Test
    void asteriskPerClientOverridesAreIgnoredWithNotices() throws ConfigException {
        StatefedConfig config = files.read(MINIMAL + "autoregister = no\noauth_secret = s3cret\n");

        assertThat(config.notices()).contains(
                "ignored by statefed: [asterisk] autoregister = no (line 8): statefed uses the value from"
                        + " [general] for every client",
                "ignored by statefed: [asterisk] oauth_secret = *** (line 9): statefed logs in with secret,"
                        + " not with Google OAuth");
    }

    @Test
    void hintsKeepTheirCaseAndOrder() throws ConfigException {
        StatefedConfig config = files.read("[hints]\nAlice@Office = PJSIP/alice & Custom:Away\n100@internal = SIP/100\n"
                + MINIMAL);

        assertThat(config.hints()).containsExactly(
                org.assertj.core.api.Assertions.entry("Alice@Office", "PJSIP/alice&Custom:Away"),
                org.assertj.core.api.Assertions.entry("100@internal", "SIP/100"));
        assertThat(config.sectionOrder()).containsExactly("hints", "general", "asterisk");
    }

    @Test
    void exceptionMessageListsEveryErrorAndTheSummary() {
        Path file = files.write("[general]\nentityid = x\n[a]\nport = 0\n");

        assertThatThrownBy(() -> new ConfigReader(ConfigFiles.NO_MAC).read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2: [general] entityid = x:")
                .hasMessageContaining(file + ":4: [a] port = 0:")
                .hasMessageEndingWith("5 errors in " + file + "; statefed will not start until they are fixed.");
    }
}
