package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PubSubErrorsTest {
    private static final String NODE = "device_state/site1@example.com";
    private static final String SERVICE = "pubsub.example.com";
    private static final String ACCOUNT = "site1@example.com";

    private static XMPPErrorException answer(StanzaError.Condition condition, String pubsubCondition) {
        StanzaError.Builder error = StanzaError.getBuilder(condition);
        if (pubsubCondition != null) {
            error.addExtension(StandardExtensionElement.builder(pubsubCondition,
                    "http://jabber.org/protocol/pubsub#errors").build());
        }
        return new XMPPErrorException(null, error.build());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("create", answer(StanzaError.Condition.forbidden, null), "forbidden",
                        "prosody: admins of the pubsub Component; ejabberd: access_createnode; Openfire: xmpp.pubsub.create.jid"),
                Arguments.of("publish of item 'SIP/1'", answer(StanzaError.Condition.forbidden, null), "forbidden",
                        "not affiliated as a publisher"),
                Arguments.of("subscribe", answer(StanzaError.Condition.forbidden, null), "forbidden",
                        "must list site1@example.com as a buddy"),
                // Openfire stored member as outcast: not the subscriber's fault, and the owner's log says more.
                Arguments.of("subscribe", answer(StanzaError.Condition.not_allowed, "closed-node"), "closed-node",
                        "does not list site1@example.com as member"),
                Arguments.of("subscribe", answer(StanzaError.Condition.not_authorized,
                        "presence-subscription-required"), "presence-subscription-required",
                        "must list each other as buddies"),
                Arguments.of("subscribe", answer(StanzaError.Condition.item_not_found, null), "item-not-found",
                        "its owner creates it"),
                Arguments.of("publish of item 'SIP/1'", answer(StanzaError.Condition.conflict, "precondition-not-met"),
                        "precondition-not-met", "delete the node on pubsub.example.com"),
                Arguments.of("create", answer(StanzaError.Condition.service_unavailable, null), "service-unavailable",
                        "is pubsub_node the PubSub service"),
                Arguments.of("publish of item 'SIP/1'", answer(StanzaError.Condition.not_acceptable, "payload-too-big"),
                        "payload-too-big", "max payload size"),
                Arguments.of("publish of item 'SIP/1'", answer(StanzaError.Condition.internal_server_error, null),
                        "internal-server-error", "storage_archive_item_limit"),
                Arguments.of("publish of item 'SIP/1'", answer(StanzaError.Condition.resource_constraint, null),
                        "resource-constraint", "statefed retries"),
                Arguments.of("publish of item 'SIP/1'", answer(StanzaError.Condition.unexpected_request, null),
                        "unexpected-request", "statefed retries"),
                Arguments.of("publish of item 'SIP/1'", SmackException.NoResponseException.newWith(1000,
                        (org.jivesoftware.smack.filter.StanzaFilter) stanza -> true, false),
                        "no answer", "raise timeout="));
    }

    @org.junit.jupiter.api.Test
    void anInternalServerErrorOfEjabberdDoesNotSendTheAdminToProsodysStorageSettings() {
        String line = PubSubErrors.explain("create", NODE, SERVICE, ACCOUNT,
                answer(StanzaError.Condition.internal_server_error, null),
                new ServerSoftware(ServerSoftware.Kind.EJABBERD, "ejabberd 23.01-1"));
        assertThat(line).contains("internal-server-error", "see ejabberd (ejabberd 23.01-1)'s log")
                .doesNotContain("prosody", "storage_archive_item_limit");
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("errors")
    void everyErrorNamesTheNodeTheConditionAndTheFix(String action, Exception error, String condition, String fix) {
        String line = PubSubErrors.explain(action, NODE, SERVICE, ACCOUNT, error);
        assertThat(line).startsWith(action).contains(NODE).contains(SERVICE).contains(condition).contains(fix);
    }
}
