package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerSoftwareTest {
    private static final String ACCOUNT = "site1@example.com";
    private static final String SERVICE = "pubsub.example.com";

    static Stream<Arguments> answers() {
        return Stream.of(
                // names in the order PubSubClient.discover collects them: version, identities, vCard FN
                Arguments.of(new String[] {"Prosody PubSub Service", ""}, ServerSoftware.Kind.PROSODY,
                        "admins of Component \"pubsub.example.com\""),
                Arguments.of(new String[] {"Publish-Subscribe", "ejabberd/mod_pubsub"}, ServerSoftware.Kind.EJABBERD,
                        "access_createnode"),
                Arguments.of(new String[] {"Openfire 5.1.1", "Publish-Subscribe service", ""}, ServerSoftware.Kind.OPENFIRE,
                        "xmpp.pubsub.create.jid"),
                Arguments.of(new String[] {"Tigase 8.3.0-b12345", "PubSub", ""}, ServerSoftware.Kind.TIGASE,
                        "config.tdsl"),
                Arguments.of(new String[] {"Publish-Subscribe", ""}, ServerSoftware.Kind.UNKNOWN,
                        "prosody: admins of the pubsub Component; ejabberd: access_createnode; Openfire:"
                                + " xmpp.pubsub.create.jid"));
    }

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("pubsub.example.com", "example.com", "example.com"),
                Arguments.of("example.com", "example.com", "example.com"),
                Arguments.of("site1@example.com", "example.com", "example.com"),
                // asterisk layout across servers: the shared service is on the other, federated server
                Arguments.of("pubsub.eu.example.net", "example.com", "eu.example.net"),
                Arguments.of("pubsub.127.74.164.137", "127.112.10.189", "127.74.164.137"),
                Arguments.of("pubsub.other.org", "example.com", "other.org"),
                Arguments.of("other.org", "example.com", "other.org"));
    }

    @ParameterizedTest(name = "{0} from an account of {1}: ask {2}")
    @MethodSource("services")
    void theVersionOfTheServerThatRunsTheServiceIsAskedNotAlwaysTheAccountsOwn(String service, String accountDomain,
            String asked) {
        assertThat(ServerSoftware.versionSourceOf(service, accountDomain)).isEqualTo(asked);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("answers")
    void theServerIsRecognisedAndItsOwnSettingIsNamed(String[] names, ServerSoftware.Kind kind, String setting) {
        ServerSoftware software = ServerSoftware.recognise(Arrays.asList(names));
        assertThat(software.kind()).isEqualTo(kind);
        assertThat(software.createNodeSetting(ACCOUNT, SERVICE)).contains(setting).contains(ACCOUNT);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("answers")
    void aRefusedCreateNamesTheServerInUseNotAnother(String[] names, ServerSoftware.Kind kind, String setting) {
        ServerSoftware software = ServerSoftware.recognise(Arrays.asList(names));
        String line = PubSubErrors.explain("create", "device_state/" + ACCOUNT, SERVICE, ACCOUNT,
                new org.jivesoftware.smack.XMPPException.XMPPErrorException(null,
                        org.jivesoftware.smack.packet.StanzaError.getBuilder(
                                org.jivesoftware.smack.packet.StanzaError.Condition.forbidden).build()),
                software);
        assertThat(line).contains(setting);
        if (kind == ServerSoftware.Kind.OPENFIRE) {
            assertThat(line).doesNotContain("prosody").doesNotContain("ejabberd");
        }
    }
}
