package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code type = corosync} sections: res_corosync.conf's keys, and the exact lines check-config prints. */
class CorosyncConfigTest {
    /** Lines: [general] 1, entityid 2, [asterisk] 4..9, [corosync] 11, type 12, then the row's lines from 13. */
    private static final String BASE = """
            [general]
            entityid = 00:11:22:33:44:01

            [asterisk]
            serverhost = 127.0.0.1
            username = server1@localhost/site1
            secret = s3cret
            pubsub_node = pubsub.localhost
            distribute_events = yes

            [corosync]
            type = corosync
            """;

    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    @Test
    void resCorosyncKeysBecomeALinkWithItsEventsInAsterisksOrder() throws ConfigException {
        StatefedConfig config = files.read(BASE + """
                publish_event = device_state
                subscribe_event = device_state
                publish_event = mwi
                subscribe_event = mwi
                """);

        assertThat(config.clients()).hasSize(1);
        assertThat(config.corosyncLinks()).singleElement().satisfies(link -> {
            assertThat(link.name()).isEqualTo("corosync");
            assertThat(link.group()).isEqualTo("asterisk");
            assertThat(link.publish()).containsExactly(CorosyncEventType.MWI, CorosyncEventType.DEVICE_STATE);
            assertThat(link.subscribe()).containsExactly(CorosyncEventType.MWI, CorosyncEventType.DEVICE_STATE);
        });
        assertThat(config.notices()).isEmpty();
        assertThat(config.sectionOrder()).containsExactly("general", "asterisk", "corosync");
    }

    @Test
    void anySectionNameWithTypeCorosyncIsALinkAndItsGroupCanBeSet() throws ConfigException {
        StatefedConfig config = files.read(BASE + """
                publish_event = mwi

                [lan2]
                type = Corosync
                group = pbx-east
                subscribe_event = DEVICE_STATE
                """);

        assertThat(config.corosyncLinks()).extracting(CorosyncConfig::name, CorosyncConfig::group)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("corosync", "asterisk"),
                        org.assertj.core.groups.Tuple.tuple("lan2", "pbx-east"));
        assertThat(config.corosyncLinks().get(1).subscribes(CorosyncEventType.DEVICE_STATE)).isTrue();
        assertThat(config.corosyncLinks().get(1).publish()).isEmpty();
    }

    @Test
    void aLinkThatSharesNothingIsANotice() throws ConfigException {
        StatefedConfig config = files.read(BASE);

        assertThat(config.notices()).containsExactly("[corosync] has no publish_event and no subscribe_event, so"
                + " statefed shares nothing with CPG group \"asterisk\" (as res_corosync would); add e.g."
                + " publish_event = device_state and subscribe_event = device_state");
    }

    @Test
    void repeatsAndAlwaysOnEventsAreNotices() throws ConfigException {
        StatefedConfig config = files.read(BASE + """
                publish_event = mwi
                publish_event = MWI
                subscribe_event = ping
                """);

        assertThat(config.corosyncLinks().get(0).publish()).containsExactly(CorosyncEventType.MWI);
        assertThat(config.notices()).containsExactly(
                "[corosync] publish_event = MWI (line 14) repeats line 13; the repeat is ignored",
                "[corosync] subscribe_event = ping (line 15): ping and cluster_discovery are always exchanged, as"
                        + " res_corosync does; the line changes nothing");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("publish_event = device_states", "jabber.conf:13: [corosync] publish_event ="
                        + " device_states: must be mwi or device_state; did you mean device_state? (one event per"
                        + " line; repeat the key for both)"),
                Arguments.of("subscribe_event = mwi, device_state", "jabber.conf:13: [corosync] subscribe_event ="
                        + " mwi, device_state: must be mwi or device_state (one event per line; repeat the key for"
                        + " both)"),
                Arguments.of("publish_event =", "jabber.conf:13: [corosync] publish_event: is empty; must be mwi or"
                        + " device_state (one event per line; repeat the key for both)"),
                Arguments.of("group =", "jabber.conf:13: [corosync] group: is empty; must be the CPG group name the"
                        + " Asterisk servers join; res_corosync always joins asterisk, so leave the key out to use"
                        + " that"),
                Arguments.of("group = " + "g".repeat(129), "jabber.conf:13: [corosync] group: is 129 bytes long;"
                        + " corosync allows at most 128 (CPG_MAX_NAME_LENGTH); res_corosync's group is asterisk"),
                Arguments.of("serverhost = 127.0.0.1", "jabber.conf:13: [corosync] serverhost: belongs in a client"
                        + " section, not in a corosync section"),
                Arguments.of("publish_events = mwi", "jabber.conf:13: [corosync] publish_events: unknown key; did you"
                        + " mean publish_event?"),
                Arguments.of("group = a\ngroup = b", "jabber.conf:14: [corosync] group = b: is set a second time"
                        + " (first on line 13); keep only one"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakeIsReportedExactly(String lines, String expected) {
        assertThat(files.errorsOf(BASE + lines + "\n")).containsExactly(expected);
    }

    @Test
    void everyMistakeOfAFileIsReportedAtOnce() {
        assertThat(files.errorsOf(BASE + """
                publish_event = dev_state
                group =
                subscribe_event = presence
                """)).hasSize(3);
    }

    @Test
    void resCorosyncKeysCopiedIntoGeneralOrAClientSayWhereTheyBelong() {
        assertThat(files.errorsOf(BASE.replace("entityid = 00:11:22:33:44:01\n",
                "entityid = 00:11:22:33:44:01\npublish_event = device_state\n").replace("distribute_events = yes\n",
                "distribute_events = yes\nsubscribe_event = mwi\n"))).containsExactly(
                "jabber.conf:3: [general] publish_event: belongs in a Corosync link section (e.g. [corosync] with"
                        + " type = corosync), not in [general]",
                "jabber.conf:11: [asterisk] subscribe_event: belongs in a Corosync link section (e.g. [corosync]"
                        + " with type = corosync), not in a client section");
    }

    @Test
    void aSectionNamedCorosyncWithoutATypeSaysToWriteTheType() {
        assertThat(files.errorsOf(BASE.replace("type = corosync\n", "publish_event = mwi\n")))
                .containsExactly("jabber.conf:11: [corosync] type: is required; a Corosync link is written type ="
                        + " corosync (an XMPP account section needs another name, e.g. [asterisk])");
    }

    @Test
    void aMisspeltTypeSuggestsCorosync() {
        assertThat(files.errorsOf(BASE.replace("type = corosync", "type = corosnyc")))
                .contains("jabber.conf:12: [corosync] type = corosnyc: must be client, component or corosync;"
                        + " did you mean corosync?");
    }

    @Test
    void checkConfigPrintsTheLinkAsIniText() throws ConfigException {
        StatefedConfig config = files.read(BASE + "subscribe_event = device_state\n");

        assertThat(ConfigPrinter.print(config)).endsWith("""
                [corosync]
                type = corosync
                group = asterisk
                ; publish_event: none
                subscribe_event = device_state
                """);
    }
}
