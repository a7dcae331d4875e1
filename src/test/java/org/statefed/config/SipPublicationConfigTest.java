package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code type = sip_publication} sections: what is read, and the exact line check-config prints per mistake. */
class SipPublicationConfigTest {
    private static final String OUT_PASSWORD = "out-Pa55word";
    private static final String IN_PASSWORD = "in-Pa55word";
    /** Line numbers: [general] 1, entityid 2, [pbx1] 4, type 5, bind 6, server_uri 7, extra 8. */
    private static final List<String> BASE = List.of(
            "[general]",
            "entityid = 00:11:22:33:44:01",
            "",
            "[pbx1]",
            "type = sip_publication",
            "bind = 127.0.0.1:5062",
            "server_uri = sip:a2@127.0.0.1:5061",
            "; extra");

    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    private static String with(String line) {
        List<String> lines = new ArrayList<>(BASE);
        String key = line.split("=", 2)[0].strip();
        for (int i = 4; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + " =")) {
                lines.set(i, line);
                return String.join("\n", lines) + "\n";
            }
        }
        lines.set(lines.indexOf("; extra"), line);
        return String.join("\n", lines) + "\n";
    }

    @Test
    void minimalSectionGetsAsterisksDefaults() throws ConfigException {
        StatefedConfig config = files.read(String.join("\n", BASE));

        assertThat(config.clients()).isEmpty();
        SipPublicationConfig sip = config.sipPublications().get(0);
        assertThat(sip.name()).isEqualTo("pbx1");
        assertThat(sip.bind()).isEqualTo(new SipHostPort("127.0.0.1", 5062));
        assertThat(sip.serverUri()).isEqualTo("sip:a2@127.0.0.1:5061");
        assertThat(sip.fromUri()).isEqualTo("sip:statefed@127.0.0.1:5062");
        assertThat(sip.inboundResource()).isEqualTo("pbx1");
        assertThat(sip.match()).isEmpty();
        assertThat(sip.deviceState()).isTrue();
        assertThat(sip.mailboxState()).isTrue();
        assertThat(sip.expiration()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(sip.outbound()).isEmpty();
        assertThat(sip.inbound()).isEmpty();
        assertThat(config.sectionOrder()).containsExactly("general", "pbx1");
    }

    @Test
    void everyKeyOfTheIssuesExampleIsRead() throws ConfigException {
        StatefedConfig config = files.read(String.join("\n", BASE) + "\n"
                + "from_uri = sip:statefed@127.0.0.1:5062\n"
                + "inbound_resource = a1\n"
                + "match = 127.0.0.1:5061\n"
                + "device_state = yes\n"
                + "mailbox_state = no\n"
                + "device_state_filter = ^Custom:\n"
                + "expiration = 20\n"
                + "outbound_username = a2\n"
                + "outbound_password = " + OUT_PASSWORD + "\n"
                + "inbound_username = a1\n"
                + "inbound_password = " + IN_PASSWORD + "\n");

        SipPublicationConfig sip = config.sipPublications().get(0);
        assertThat(sip.inboundResource()).isEqualTo("a1");
        assertThat(sip.match()).contains(new SipHostPort("127.0.0.1", 5061));
        assertThat(sip.mailboxState()).isFalse();
        assertThat(sip.carriesDevice("Custom:x")).isTrue();
        assertThat(sip.carriesDevice("SIP/100")).isFalse();
        assertThat(sip.carriesMailbox("1000@default")).isFalse();
        assertThat(sip.expiration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(sip.outbound()).contains(new DigestCredentials("a2", OUT_PASSWORD));
        assertThat(sip.inbound()).contains(new DigestCredentials("a1", IN_PASSWORD));
    }

    @Test
    void passwordsAreInNoListingNoErrorAndNoToString() throws ConfigException {
        String text = String.join("\n", BASE) + "\noutbound_username = a2\noutbound_password = " + OUT_PASSWORD
                + "\ninbound_username = a1\ninbound_password = " + IN_PASSWORD + "\n";
        StatefedConfig config = files.read(text);

        assertThat(config.toString()).doesNotContain(OUT_PASSWORD).doesNotContain(IN_PASSWORD);
        assertThat(ConfigPrinter.print(config)).doesNotContain(OUT_PASSWORD).doesNotContain(IN_PASSWORD)
                .contains("outbound_password = ***", "inbound_password = ***", "type = sip_publication");
        List<String> errors = files.errorsOf(text.replace("bind = 127.0.0.1:5062", "bind = nowhere")
                + "outbound_password = " + OUT_PASSWORD + "x\n");
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e).doesNotContain(OUT_PASSWORD));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("bind = 127.0.0.1:70000", "jabber.conf:6: [pbx1] bind = 127.0.0.1:70000: has port 70000,"
                        + " but a port is from 1 to 65535; an IP address and port statefed listens on, e.g."
                        + " bind = 127.0.0.1:5062 or bind = [::1]:5062"),
                Arguments.of("bind = pbx.example.com:5062", "jabber.conf:6: [pbx1] bind = pbx.example.com:5062: must be"
                        + " an IP address, not a host name (statefed does not resolve names for bind); an IP address"
                        + " and port statefed listens on, e.g. bind = 127.0.0.1:5062 or bind = [::1]:5062"),
                Arguments.of("server_uri = a2@127.0.0.1:5061", "jabber.conf:7: [pbx1] server_uri = a2@127.0.0.1:5061:"
                        + " must be a SIP URI sip:user@host:port; the peer's inbound-publication, e.g."
                        + " server_uri = sip:a2@127.0.0.1:5061"),
                Arguments.of("match = 127.0.0.1:0", "jabber.conf:8: [pbx1] match = 127.0.0.1:0: has port 0, but a"
                        + " port is from 1 to 65535; the peer's IP address, optionally with its port, e.g."
                        + " match = 127.0.0.1 or match = 127.0.0.1:5061"),
                Arguments.of("inbound_resource = a 1", "jabber.conf:8: [pbx1] inbound_resource = a 1: must be the user"
                        + " part of the Request-URI the peer PUBLISHes to (its outbound-publish server_uri"
                        + " sip:USER@...): letters, digits and - _ . ! ~ * ' ( ) & = + $ , only, at most 64"),
                Arguments.of("device_state = maybe", "jabber.conf:8: [pbx1] device_state = maybe: must be yes or no"
                        + " (also accepted: true/false, on/off, y/n, t/f, 1/0)"),
                Arguments.of("device_state_filter = ^Custom:(", "jabber.conf:8: [pbx1] device_state_filter = ^Custom:(:"
                        + " is not a valid regular expression (Unclosed group near character 10); e.g."
                        + " device_state_filter = ^Custom:"),
                Arguments.of("expiration = 2", "jabber.conf:8: [pbx1] expiration = 2: must be a whole number of"
                        + " seconds from 4 to 86400"),
                Arguments.of("outbound_username = a2", "jabber.conf:4: [pbx1] outbound_password: is required with"
                        + " outbound_username: the pair answers the peer's digest challenge (its auth section's"
                        + " username and password)"),
                Arguments.of("inbound_password = x", "jabber.conf:4: [pbx1] inbound_username: is required with"
                        + " inbound_password: the pair is what the peer must prove (its outbound_auth section's"
                        + " username and password)"),
                Arguments.of("serverhost = x", "jabber.conf:8: [pbx1] serverhost: belongs in a client section, not in"
                        + " a sip_publication section"),
                Arguments.of("server_url = sip:a@b", "jabber.conf:8: [pbx1] server_url: unknown key; did you mean"
                        + " server_uri?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakeIsReportedWithFileSectionKeyAndFix(String line, String expected) {
        assertThat(files.errorsOf(with(line))).containsExactly(expected);
    }

    @Test
    void everyMistakeOfOneFileIsReportedAtOnce() {
        List<String> errors = files.errorsOf(String.join("\n", BASE).replace("bind = 127.0.0.1:5062", "bind = x")
                .replace("server_uri = sip:a2@127.0.0.1:5061", "server_uri = http://a2") + "\nexpiration = 0\n"
                + "device_state_filter = (\n");

        assertThat(errors).hasSize(4);
    }

    @Test
    void requiredKeysAreNamedOnTheSectionLine() {
        assertThat(files.errorsOf("[general]\nentityid = 00:11:22:33:44:01\n\n[pbx1]\ntype = sip_publication\n"))
                .containsExactly(
                        "jabber.conf:4: [pbx1] bind: is required; the address statefed listens on for this peer's"
                                + " PUBLISHes (UDP and TCP), e.g. bind = 127.0.0.1:5062",
                        "jabber.conf:4: [pbx1] server_uri: is required; the peer's inbound-publication, e.g."
                                + " server_uri = sip:a2@127.0.0.1:5061");
    }

    @Test
    void twoPeersOnOneBindNeedTheirOwnResourceOrMatch() throws ConfigException {
        String two = String.join("\n", BASE) + "\ninbound_resource = a1\n\n[pbx2]\ntype = sip_publication\n"
                + "bind = 127.0.0.1:5062\nserver_uri = sip:a3@127.0.0.1:5063\ninbound_resource = a1\n";

        assertThat(files.errorsOf(two)).containsExactly("jabber.conf:11: [pbx2] inbound_resource = a1: section [pbx1]"
                + " on the same bind 127.0.0.1:5062 already receives PUBLISHes to a1; give each peer its own"
                + " inbound_resource, or each its own match address");
        assertThat(files.read(two.replace("inbound_resource = a1\n\n", "inbound_resource = a1\nmatch = 127.0.0.1:5061\n\n")
                + "match = 127.0.0.1:5063\n").sipPublications()).extracting(SipPublicationConfig::match)
                .containsExactly(Optional.of(new SipHostPort("127.0.0.1", 5061)),
                        Optional.of(new SipHostPort("127.0.0.1", 5063)));
    }

    @Test
    void sampleDocumentsEveryKey() throws java.io.IOException {
        String sample = java.nio.file.Files.readString(Path.of("jabber.conf.sample"));

        assertThat(KnownKeys.names(KnownKeys.SIP_PUBLICATION))
                .allSatisfy(key -> assertThat(sample).contains(";" + key + " = "));
    }
}
