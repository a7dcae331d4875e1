package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One mistake per row, and the exact line check-config prints for it. */
class ConfigMistakesTest {
    /** Line numbers: [general] 1, entityid 2, (general extra 3), [asterisk] 5, serverhost 6 ... buddy 11, extra 12. */
    private static final List<String> BASE = List.of(
            "[general]",
            "entityid = 00:11:22:33:44:01",
            "; general extra",
            "",
            "[asterisk]",
            "serverhost = 127.0.0.1",
            "username = server1@localhost/site1",
            "secret = s3cret",
            "pubsub_node = pubsub.localhost",
            "distribute_events = yes",
            "buddy = server2@localhost",
            "; client extra",
            "",
            "[hints]",
            "1234@devstate_test = Custom:mystate",
            "; hints extra");

    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    /** BASE with {@code line} replacing the key it sets, or else written on the section's extra line. */
    private static String with(String section, String line) {
        List<String> lines = new ArrayList<>(BASE);
        String key = line.split("=", 2)[0].strip();
        int start = lines.indexOf("[" + section + "]");
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("["); i++) {
            if (lines.get(i).startsWith(key + " =")) {
                lines.set(i, line);
                return String.join("\n", lines) + "\n";
            }
        }
        lines.set(lines.indexOf("; " + (section.equals("asterisk") ? "client" : section) + " extra"), line);
        return String.join("\n", lines) + "\n";
    }

    @Test
    void baseFileIsValid() throws ConfigException {
        assertThat(files.read(String.join("\n", BASE)).clients()).hasSize(1);
    }

    static Stream<Arguments> generalMistakes() {
        return Stream.of(
                Arguments.of("entityid = 00:11:22:33:44", "jabber.conf:2: [general] entityid = 00:11:22:33:44: must be"
                        + " six two-digit hex numbers separated by colons, e.g. 00:11:22:33:44:55"
                        + " (it has 14 characters, not 17)"),
                Arguments.of("entityid = 00-11-22-33-44-55", "jabber.conf:2: [general] entityid = 00-11-22-33-44-55:"
                        + " must be six two-digit hex numbers separated by colons, e.g. 00:11:22:33:44:55"
                        + " (character 3 must be ':')"),
                Arguments.of("entityid =", "jabber.conf:2: [general] entityid: is empty; must be six two-digit hex"
                        + " numbers separated by colons, e.g. 00:11:22:33:44:55"),
                Arguments.of("pubsub_layout = per_site", "jabber.conf:3: [general] pubsub_layout = per_site:"
                        + " must be per-site, asterisk or pep; did you mean per-site?"),
                Arguments.of("auth_policy = allow", "jabber.conf:3: [general] auth_policy = allow:"
                        + " must be accept or deny"),
                Arguments.of("stale_timeout = -1", "jabber.conf:3: [general] stale_timeout = -1:"
                        + " must be a whole number of seconds from 0 to 86400"),
                Arguments.of("stale_timeout = 86401", "jabber.conf:3: [general] stale_timeout = 86401:"
                        + " must be a whole number of seconds from 0 to 86400"),
                Arguments.of("heartbeat_interval = 3601", "jabber.conf:3: [general] heartbeat_interval = 3601:"
                        + " must be a whole number of seconds from 0 to 3600"),
                Arguments.of("heartbeat_interval = 5s", "jabber.conf:3: [general] heartbeat_interval = 5s:"
                        + " must be a whole number of seconds from 0 to 3600"),
                Arguments.of("stale_timeout = 30s", "jabber.conf:3: [general] stale_timeout = 30s:"
                        + " must be a whole number of seconds from 0 to 86400"),
                Arguments.of("autoregister = sometimes", "jabber.conf:3: [general] autoregister = sometimes:"
                        + " must be yes or no (also accepted: true/false, on/off, y/n, t/f, 1/0)"),
                Arguments.of("debug =", "jabber.conf:3: [general] debug: is empty;"
                        + " must be yes or no (also accepted: true/false, on/off, y/n, t/f, 1/0)"),
                Arguments.of("admin_socket =", "jabber.conf:3: [general] admin_socket: is empty;"
                        + " must be the path of statefed's admin socket, e.g. /run/statefed/statefed.sock"),
                Arguments.of("pubsub_layuot = per-site", "jabber.conf:3: [general] pubsub_layuot: unknown key;"
                        + " did you mean pubsub_layout?"),
                Arguments.of("serverhost = xmpp.example.com", "jabber.conf:3: [general] serverhost: belongs in"
                        + " a client section such as [asterisk], not in [general]"),
                Arguments.of("colour = blue", "jabber.conf:3: [general]: unknown key (not repeated here in case it"
                        + " is a password); the keys of [general] are: debug, autoprune, autoregister, collection_nodes, pubsub_autocreate, auth_policy,"
                        + " entityid, admin_socket, pubsub_layout, stale_timeout, heartbeat_interval, state_file,"
                        + " max_devices_per_site, max_mailboxes_per_site, http_bind, http_token, http_tls_keystore,"
                        + " http_tls_keystore_password"),
                Arguments.of("http_bind = 0.0.0.0:8088", "jabber.conf:3: [general] http_bind = 0.0.0.0:8088: is not a"
                        + " loopback address, and the HTTP API changes device states: set http_token (a random string"
                        + " of at least 16 characters that clients send as 'Authorization: Bearer TOKEN') or"
                        + " http_tls_keystore, or bind to 127.0.0.1"),
                Arguments.of("http_bind = 127.0.0.1", "jabber.conf:3: [general] http_bind = 127.0.0.1: must be"
                        + " HOST:PORT with HOST an IP address, [IPv6], localhost or * (every address), and PORT 0 to"
                        + " 65535 (0: any free port), e.g. 127.0.0.1:8088"),
                Arguments.of("http_bind = 127.0.0.1:70000", "jabber.conf:3: [general] http_bind = 127.0.0.1:70000:"
                        + " must be HOST:PORT with HOST an IP address, [IPv6], localhost or * (every address), and PORT"
                        + " 0 to 65535 (0: any free port), e.g. 127.0.0.1:8088"),
                Arguments.of("http_token = 0123456789abcdef0123", "jabber.conf:1: [general] http_bind: is not set,"
                        + " so no HTTP server runs and http_token/http_tls_keystore do nothing; set it, e.g."
                        + " http_bind = 127.0.0.1:8088"),
                Arguments.of("state_file =", "jabber.conf:3: [general] state_file: is empty; must be the path of"
                        + " the file where statefed keeps the cluster state, e.g. /var/lib/statefed/state.db"),
                Arguments.of("max_devices_per_site = 0", "jabber.conf:3: [general] max_devices_per_site = 0:"
                        + " must be a whole number of devices from 1 to 10000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generalMistakes")
    void generalMistakeIsReportedExactly(String line, String expected) {
        assertThat(files.errorsOf(with("general", line))).containsExactly(expected);
    }

    static Stream<Arguments> clientMistakes() {
        return Stream.of(
                Arguments.of("port = 99999", "jabber.conf:12: [asterisk] port = 99999:"
                        + " must be a whole number from 1 to 65535"),
                Arguments.of("port = 0", "jabber.conf:12: [asterisk] port = 0: must be a whole number from 1 to 65535"),
                Arguments.of("port = 52x2", "jabber.conf:12: [asterisk] port = 52x2:"
                        + " must be a whole number from 1 to 65535"),
                Arguments.of("port = 99999999999999999999", "jabber.conf:12: [asterisk] port = 99999999999999999999:"
                        + " must be a whole number from 1 to 65535"),
                Arguments.of("port =", "jabber.conf:12: [asterisk] port: is empty;"
                        + " must be a whole number from 1 to 65535"),
                Arguments.of("priority = 128", "jabber.conf:12: [asterisk] priority = 128:"
                        + " must be a whole number from -128 to 127"),
                Arguments.of("timeout = 0", "jabber.conf:12: [asterisk] timeout = 0:"
                        + " must be a whole number of seconds from 1 to 86400"),
                Arguments.of("status = busy", "jabber.conf:12: [asterisk] status = busy:"
                        + " must be one of chat, available, away, xaway, dnd"),
                Arguments.of("status = awya", "jabber.conf:12: [asterisk] status = awya:"
                        + " must be one of chat, available, away, xaway, dnd; did you mean away?"),
                Arguments.of("type = server", "jabber.conf:12: [asterisk] type = server: must be client, component or corosync"),
                Arguments.of("usetls = maybe", "jabber.conf:12: [asterisk] usetls = maybe:"
                        + " must be yes or no (also accepted: true/false, on/off, y/n, t/f, 1/0)"),
                Arguments.of("distribute_events = ja", "jabber.conf:10: [asterisk] distribute_events = ja:"
                        + " must be yes or no (also accepted: true/false, on/off, y/n, t/f, 1/0)"),
                Arguments.of("sendtodialplan = sure", "jabber.conf:12: [asterisk] sendtodialplan = sure:"
                        + " must be yes or no (also accepted: true/false, on/off, y/n, t/f, 1/0)"),
                Arguments.of("auth_policy = maybe", "jabber.conf:12: [asterisk] auth_policy = maybe:"
                        + " must be accept or deny"),
                Arguments.of("username = localhost", "jabber.conf:7: [asterisk] username = localhost: has no user"
                        + " part; must be user@domain with an optional /resource, e.g. server1@example.com/site1"),
                Arguments.of("username = a b@c", "jabber.conf:7: [asterisk] username = a b@c: is not a valid JID"
                        + " (Localpart must not contain ' '); must be user@domain with an optional /resource,"
                        + " e.g. server1@example.com/site1"),
                Arguments.of("username = a@b@c", "jabber.conf:7: [asterisk] username = a@b@c: is not a valid JID"
                        + " (the domain 'b@c' is not a host name); must be user@domain with an optional /resource,"
                        + " e.g. server1@example.com/site1"),
                Arguments.of("secret =", "jabber.conf:8: [asterisk] secret: is empty; must be the account's password"),
                Arguments.of("serverhost = my host", "jabber.conf:6: [asterisk] serverhost = my host:"
                        + " must be the XMPP server's host name or IP address, without spaces"),
                Arguments.of("pubsub_node = pubsub@example.com", "jabber.conf:9: [asterisk] pubsub_node ="
                        + " pubsub@example.com: must be the PubSub service's address, a domain such as"
                        + " pubsub.example.com (no user@ part, no /resource)"),
                Arguments.of("alternate_server = node2.example.com:99999", "jabber.conf:12: [asterisk] alternate_server = node2.example.com:99999: is not a valid host or port"
                        + "; must be another address of the XMPP server: host, host:port, [IPv6] or [IPv6]:port (port"
                        + " 1-65535), e.g. alternate_server = xmpp2.example.com:5222 or alternate_server ="
                        + " [2001:db8::7]:5222"),
                Arguments.of("alternate_server = ::1:5222", "jabber.conf:12: [asterisk] alternate_server = ::1:5222: looks like a bare IPv6 address: put it in brackets, [::1:5222] or [::1:5222]:5222 (a port after a bare IPv6 address cannot be told from it)"
                        + "; must be another address of the XMPP server: host, host:port, [IPv6] or [IPv6]:port (port"
                        + " 1-65535), e.g. alternate_server = xmpp2.example.com:5222 or alternate_server ="
                        + " [2001:db8::7]:5222"),
                Arguments.of("alternate_server = [::1", "jabber.conf:12: [asterisk] alternate_server = [::1: has no closing ']' after the IPv6 address"
                        + "; must be another address of the XMPP server: host, host:port, [IPv6] or [IPv6]:port (port"
                        + " 1-65535), e.g. alternate_server = xmpp2.example.com:5222 or alternate_server ="
                        + " [2001:db8::7]:5222"),
                Arguments.of("alternate_server = [::1]5222", "jabber.conf:12: [asterisk] alternate_server = [::1]5222: has '5222' after ']', where only :port may be"
                        + "; must be another address of the XMPP server: host, host:port, [IPv6] or [IPv6]:port (port"
                        + " 1-65535), e.g. alternate_server = xmpp2.example.com:5222 or alternate_server ="
                        + " [2001:db8::7]:5222"),
                Arguments.of("alternate_server = [::1]:", "jabber.conf:12: [asterisk] alternate_server = [::1]:: has no valid port after ']:'"
                        + "; must be another address of the XMPP server: host, host:port, [IPv6] or [IPv6]:port (port"
                        + " 1-65535), e.g. alternate_server = xmpp2.example.com:5222 or alternate_server ="
                        + " [2001:db8::7]:5222"),
                Arguments.of("alternate_server = [::1]:70000", "jabber.conf:12: [asterisk] alternate_server = [::1]:70000: has no valid port after ']:'"
                        + "; must be another address of the XMPP server: host, host:port, [IPv6] or [IPv6]:port (port"
                        + " 1-65535), e.g. alternate_server = xmpp2.example.com:5222 or alternate_server ="
                        + " [2001:db8::7]:5222"),
                Arguments.of("alternate_server = [node2.example.com]:5222", "jabber.conf:12: [asterisk] alternate_server = [node2.example.com]:5222: 'node2.example.com' in brackets is not an IPv6 address (brackets are for IPv6 addresses only; write a host name or IPv4 address without them)"
                        + "; must be another address of the XMPP server: host, host:port, [IPv6] or [IPv6]:port (port"
                        + " 1-65535), e.g. alternate_server = xmpp2.example.com:5222 or alternate_server ="
                        + " [2001:db8::7]:5222"),
                Arguments.of("alternate_server = [fe80::zz]", "jabber.conf:12: [asterisk] alternate_server = [fe80::zz]: 'fe80::zz' in brackets is not an IPv6 address (brackets are for IPv6 addresses only; write a host name or IPv4 address without them)"
                        + "; must be another address of the XMPP server: host, host:port, [IPv6] or [IPv6]:port (port"
                        + " 1-65535), e.g. alternate_server = xmpp2.example.com:5222 or alternate_server ="
                        + " [2001:db8::7]:5222"),
                Arguments.of("buddy_pubsub = server2@localhost", "jabber.conf:12: [asterisk] buddy_pubsub ="
                        + " server2@localhost: must be a buddy's JID and the PubSub service its nodes are on, e.g."
                        + " buddy_pubsub = site3@eu.example.com pubsub.eu.example.com"),
                Arguments.of("buddy_pubsub = server9@eu.example.com pubsub.eu.example.com", "jabber.conf:12:"
                        + " [asterisk] buddy_pubsub = server9@eu.example.com pubsub.eu.example.com: names"
                        + " server9@eu.example.com, which is not a buddy of this section; add buddy ="
                        + " server9@eu.example.com or remove this line"),
                Arguments.of("pubsub_node =", "jabber.conf:9: [asterisk] pubsub_node: is empty; must be set when"
                        + " distribute_events = yes: the PubSub service's address, a domain such as pubsub.example.com"),
                Arguments.of("buddy = server1@localhost", "jabber.conf:11: [asterisk] buddy = server1@localhost:"
                        + " is this account's own JID (username); list the other sites' accounts"),
                Arguments.of("buddy = server2@localhost/phone", "jabber.conf:11: [asterisk] buddy ="
                        + " server2@localhost/phone: must be a bare JID, user@domain, e.g. server2@example.com,"
                        + " without a /resource"),
                Arguments.of("buddy = localhost", "jabber.conf:11: [asterisk] buddy = localhost: has no user part;"
                        + " must be a bare JID, user@domain, e.g. server2@example.com"),
                Arguments.of("buddy =", "jabber.conf:11: [asterisk] buddy: is empty; is not a valid JID (The"
                        + " provided string does not have a domainpart); must be a bare JID, user@domain,"
                        + " e.g. server2@example.com"),
                Arguments.of("prot = 5222", "jabber.conf:12: [asterisk] prot: unknown key; did you mean port?"),
                Arguments.of("password = s3cret", "jabber.conf:12: [asterisk] password: unknown key;"
                        + " did you mean secret?"),
                Arguments.of("entityid = 00:11:22:33:44:02", "jabber.conf:12: [asterisk] entityid: belongs in"
                        + " [general], not in a client section"),
                Arguments.of("stale_timout = 5", "jabber.conf:12: [asterisk] stale_timout: unknown key;"
                        + " did you mean stale_timeout (which belongs in [general])?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientMistakes")
    void clientMistakeIsReportedExactly(String line, String expected) {
        assertThat(files.errorsOf(with("asterisk", line))).containsExactly(expected);
    }

    static Stream<Arguments> hintMistakes() {
        return Stream.of(
                Arguments.of("1234 = SIP/100", "jabber.conf:16: [hints] 1234 = SIP/100: the name must be"
                        + " exten@context, e.g. 1234@devstate_test, with exactly one '@'"),
                Arguments.of("1@a@b = SIP/100", "jabber.conf:16: [hints] 1@a@b = SIP/100: the name must be"
                        + " exten@context, e.g. 1234@devstate_test, with exactly one '@'"),
                Arguments.of("1234@ = SIP/100", "jabber.conf:16: [hints] 1234@ = SIP/100: the name must be"
                        + " exten@context, e.g. 1234@devstate_test, with both the extension and the context"),
                Arguments.of("@ctx = SIP/100", "jabber.conf:16: [hints] @ctx = SIP/100: the name must be"
                        + " exten@context, e.g. 1234@devstate_test, with both the extension and the context"),
                Arguments.of("1@ctx = SIP/100&&SIP/200", "jabber.conf:16: [hints] 1@ctx = SIP/100&&SIP/200: has an"
                        + " empty device between '&'; must list one or more devices separated by '&',"
                        + " e.g. Custom:a&SIP/100"),
                Arguments.of("1@ctx = SIP/100&", "jabber.conf:16: [hints] 1@ctx = SIP/100&: has an"
                        + " empty device between '&'; must list one or more devices separated by '&',"
                        + " e.g. Custom:a&SIP/100"),
                Arguments.of("1@ctx =", "jabber.conf:16: [hints] 1@ctx: is empty; must list one or more devices"
                        + " separated by '&', e.g. Custom:a&SIP/100"),
                Arguments.of("1@ctx = SIP/1\u0007&SIP/2", "jabber.conf:16: [hints] 1@ctx = SIP/1\u0007&SIP/2: contains a"
                        + " control character; must list one or more devices separated by '&', e.g. Custom:a&SIP/100"),
                Arguments.of("1234@devstate_test = SIP/100", "jabber.conf:16: [hints] 1234@devstate_test = SIP/100:"
                        + " this hint is defined a second time (first on line 15); keep only one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hintMistakes")
    void hintMistakeIsReportedExactly(String line, String expected) {
        List<String> lines = new ArrayList<>(BASE);
        lines.set(lines.indexOf("; hints extra"), line);
        assertThat(files.errorsOf(String.join("\n", lines))).containsExactly(expected);
    }

    @Test
    void fiveMistakesAreAllReportedInFileOrder() {
        String text = SampleConfigs.FIVE_MISTAKES;
        try {
            new ConfigReader(ConfigFiles.NO_MAC).read(files.write(text));
            throw new AssertionError("expected five errors");
        } catch (ConfigException e) {
            assertThat(e.errors()).extracting(error -> files.withoutDir(error.format())).containsExactly(
                    "jabber.conf:2: [general] entityid = 00:11:22:33:44: must be six two-digit hex numbers"
                            + " separated by colons, e.g. 00:11:22:33:44:55 (it has 14 characters, not 17)",
                    "jabber.conf:6: [asterisk] port = 99999: must be a whole number from 1 to 65535",
                    "jabber.conf:10: [asterisk] distribute_events = maybe: must be yes or no"
                            + " (also accepted: true/false, on/off, y/n, t/f, 1/0)",
                    "jabber.conf:11: [asterisk] buddy = server1@example.com: is this account's own JID (username);"
                            + " list the other sites' accounts",
                    "jabber.conf:13: [asterisk] prot: unknown key; did you mean port?");
            assertThat(e.summary().replace(dir + "/", ""))
                    .isEqualTo("5 errors in jabber.conf; statefed will not start until they are fixed.");
        }
    }

    @Test
    void duplicatedKeyIsReportedOnTheRepeat() {
        assertThat(files.errorsOf(with("asterisk", "serverhost = 127.0.0.1").replace(
                "; client extra", "serverhost = 10.0.0.1")))
                .containsExactly("jabber.conf:12: [asterisk] serverhost = 10.0.0.1: is set a second time"
                        + " (first on line 6); keep only one");
    }

    @Test
    void repeatedSectionIsOneErrorAndItsKeysCountOnce() {
        String text = String.join("\n", BASE) + "\n[asterisk]\nport = 5223\n";
        assertThat(files.errorsOf(text)).containsExactly("jabber.conf:17: [asterisk]: this section appears a"
                + " second time (first on line 5); put all of its keys under one [asterisk] header");
    }

    @Test
    void missingRequiredKeysAreReportedOnTheSectionHeader() {
        assertThat(files.errorsOf("[general]\nentityid = 00:11:22:33:44:01\n[asterisk]\nport = 5222\n"))
                .containsExactly(
                        "jabber.conf:3: [asterisk] serverhost: is required; the XMPP server's host name or IP"
                                + " address, e.g. serverhost = xmpp.example.com",
                        "jabber.conf:3: [asterisk] username: is required; the account's JID, user@domain with"
                                + " an optional /resource, e.g. server1@example.com/site1",
                        "jabber.conf:3: [asterisk] secret: is required; the account's password");
    }

    @Test
    void fileWithoutClientSectionIsAnError() {
        assertThat(files.errorsOf("[general]\nentityid = 00:11:22:33:44:01\n"))
                .containsExactly("jabber.conf: no client section; add one, e.g. [asterisk] with serverhost,"
                        + " username, secret and pubsub_node, and distribute_events = yes");
    }

    @Test
    void templatesAreRefusedWithTheWayOut() {
        String text = """
                [general]
                entityid = 00:11:22:33:44:01
                [common](!)
                usetls = no
                [asterisk](common)
                serverhost = 127.0.0.1
                [other](+)
                port = 5222
                """;
        assertThat(files.errorsOf(text)).containsExactly(
                "jabber.conf:3: [common](!): this is an Asterisk configuration template, which statefed does not"
                        + " support; write its keys out in full in each section that uses it",
                "jabber.conf:5: [asterisk](common): this section uses an Asterisk configuration template (common),"
                        + " which statefed does not support; write the keys out in full in this section",
                "jabber.conf:7: [other](+): statefed does not support adding to a section with (+);"
                        + " put all of the section's keys under one [other] header");
    }

    /** Issue 10 #15: the header and a key on one line must not put the password into the error. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("headersWithASecretBehind")
    void textAfterAHeaderIsNeverQuoted(String line) {
        String text = String.join("\n", BASE).replace("[asterisk]", line);
        List<String> errors = files.errorsOf(text);
        assertThat(errors).contains("jabber.conf:5: [asterisk]: unexpected text after the section header (not"
                + " repeated here in case it holds a password); a header is just [asterisk] on a line of its own,"
                + " with the settings on the lines below it");
        assertThat(String.join("\n", errors)).doesNotContain("TopSecret");
    }

    static Stream<String> headersWithASecretBehind() {
        return Stream.of("[asterisk] secret=TopSecret", "[asterisk]secret = TopSecret",
                "[asterisk](secret=TopSecret)", "[asterisk] (TopSecret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenHeadersWithASecretBehind")
    void brokenHeadersDoNotQuoteWhatFollows(String line, String expected) {
        List<String> errors = files.errorsOf(String.join("\n", BASE).replace("; client extra", line));

        assertThat(errors).containsExactly(expected);
        assertThat(String.join("\n", errors)).doesNotContain("TopSecret");
    }

    static Stream<Arguments> brokenHeadersWithASecretBehind() {
        return Stream.of(
                Arguments.of("[asterisk secret=TopSecret", "jabber.conf:12: [asterisk ...: this section header has no"
                        + " closing ']'"),
                Arguments.of("[asterisk=TopSecret", "jabber.conf:12: [asterisk ...: this section header has no"
                        + " closing ']'"),
                Arguments.of("[] secret=TopSecret", "jabber.conf:12: []: this section header has no name between '['"
                        + " and ']'"));
    }

    @Test
    void includeAndExecAreRefused() {
        String text = String.join("\n", BASE).replace("; client extra", "#include \"secrets.conf\"")
                .replace("; general extra", "#exec /usr/local/bin/make-config");
        assertThat(files.errorsOf(text)).containsExactly(
                "jabber.conf:3: #exec /usr/local/bin/make-config: statefed does not process #include or #exec;"
                        + " copy the settings into this file instead",
                "jabber.conf:12: #include \"secrets.conf\": statefed does not process #include or #exec;"
                        + " copy the settings into this file instead");
    }

    static Stream<Arguments> syntaxMistakes() {
        return Stream.of(
                Arguments.of("[asterisk", "jabber.conf:12: [asterisk: this section header has no closing ']'"),
                Arguments.of("[]", "jabber.conf:12: []: this section header has no name between '[' and ']'"),
                Arguments.of("[x] y", "jabber.conf:12: [x]: unexpected text after the section header (not"
                        + " repeated here in case it holds a password); a header is just [x] on a line of its own,"
                        + " with the settings on the lines below it"),
                Arguments.of("usetls", "jabber.conf:12: [asterisk]: this line is not a key = value setting,"
                        + " a [section] header or a ; comment"),
                Arguments.of("= yes", "jabber.conf:12: [asterisk]: this line has no key before '='"),
                Arguments.of("a:b = c", "jabber.conf:12: [asterisk]: the key on this line contains ':' or ends"
                        + " with '\\'; a key is a word such as serverhost"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxMistakes")
    void syntaxMistakeIsReportedExactly(String line, String expected) {
        assertThat(files.errorsOf(String.join("\n", BASE).replace("; client extra", line))).containsExactly(expected);
    }

    @Test
    void unclosedBlockCommentIsAnError() {
        assertThat(files.errorsOf(String.join("\n", BASE).replace("; client extra", ";-- usetls = no")))
                .containsExactly("jabber.conf:12: this ;-- block comment is never closed with --;, so everything"
                        + " after it is ignored");
    }

    @Test
    void unknownKeyBeforeAnySectionIsNotNamed() {
        assertThat(files.errorsOf("hunter2 = x\n" + String.join("\n", BASE)))
                .containsExactly("jabber.conf:1: this setting is outside any section; put it under"
                        + " [general] or under a client section such as [asterisk]");
    }

    @Test
    void settingBeforeAnySectionIsAnError() {
        assertThat(files.errorsOf("entityid = 00:11:22:33:44:01\n" + String.join("\n", BASE)))
                .containsExactly("jabber.conf:1: entityid: this setting is outside any section; put it under"
                        + " [general] or under a client section such as [asterisk]");
    }

    @Test
    void missingFileIsOneClearError() {
        Path missing = dir.resolve("nowhere.conf");
        assertThat(errorsReading(missing)).containsExactly(
                missing + ": cannot read the configuration file: no such file (" + missing + ")");
    }

    @Test
    void directoryIsOneClearError() {
        assertThat(errorsReading(dir)).containsExactly(
                dir + ": is a directory; give the configuration file itself, e.g. " + dir.resolve("jabber.conf"));
    }

    @Test
    void textThatIsNotUtf8IsReportedWithItsLine() throws Exception {
        Path file = dir.resolve("latin1.conf");
        java.nio.file.Files.write(file, "[general]\nentityid = 00:11:22:33:44:01\n[a]\nsecret = caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(errorsReading(file)).containsExactly(
                file + ":4: this line is not UTF-8 text; save the file as UTF-8");
    }

    private static List<String> errorsReading(Path file) {
        try {
            new ConfigReader(ConfigFiles.NO_MAC).read(file);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::format).toList();
        }
        throw new AssertionError("expected an error reading " + file);
    }
}
