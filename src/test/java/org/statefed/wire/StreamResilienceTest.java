package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * A hostile payload must cost exactly its own item: no exception into Smack, and the parser left
 * on the payload's end tag so that the next item and the next stanza still parse.
 */
class StreamResilienceTest {
    private static final String GOOD_ITEM = "<item id='Custom:mystate'><state xmlns='http://asterisk.org' "
            + "eid='00:11:22:33:44:01' cachable='1'>INUSE</state></item>";
    private static final DeviceStateItem GOOD = new DeviceStateItem("Custom:mystate", DeviceState.INUSE,
            EntityId.parse(Stanzas.EID1), true);

    @BeforeAll
    static void registerProviders() {
        AsteriskProviders.register();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.statefed.wire.HostilePayloads#cases")
    void hostileItemIsRejectedAndTheNextItemInTheSameEventStillDecodes(String description, String payload,
            RejectReason reason) throws Exception {
        String message = Stanzas.eventMessage("device_state", "<item id='Bad:1'>" + payload + "</item>" + GOOD_ITEM);

        List<DecodedItem> items = Stanzas.decodeEvent(message);

        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isInstanceOfSatisfying(RejectedItem.class, rejected -> {
            assertThat(rejected.itemId()).isEqualTo("Bad:1");
            assertThat(rejected.reason()).isEqualTo(reason);
        });
        assertThat(items.get(1)).isEqualTo(GOOD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.statefed.wire.HostilePayloads#cases")
    void hostileStanzaInAStreamLeavesTheNextStanzaParseable(String description, String payload,
            RejectReason reason) throws Exception {
        String hostile = Stanzas.eventMessage("device_state", "<item id='Bad:1'>" + payload + "</item>");
        String good = Stanzas.eventMessage("device_state", GOOD_ITEM);

        List<Stanza> stanzas = parseStream(hostile + "\n" + good);

        assertThat(stanzas).hasSize(2);
        assertThat(Stanzas.decodeEvent(stanzas.get(0)))
                .singleElement().extracting(item -> ((RejectedItem) item).reason()).isEqualTo(reason);
        assertThat(Stanzas.decodeEvent(stanzas.get(1))).containsExactly(GOOD);
    }

    @Test
    void unprefixedCountsOfAPrefixedMailboxInheritTheStreamsDefaultNamespaceAndAreAccepted() throws Exception {
        String mailbox = "<item id='1000@default'><a:mailbox xmlns:a='http://asterisk.org' eid='00:11:22:33:44:01'>"
                + "<NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></a:mailbox></item>";

        List<Stanza> stanzas = parseStream(Stanzas.eventMessage("message_waiting", mailbox));

        assertThat(Stanzas.decodeEvent(stanzas.get(0)))
                .containsExactly(new MailboxItem("1000@default", EntityId.parse(Stanzas.EID1), 3, 5));
    }

    @Test
    void unexpectedFailureInsideTheProviderBecomesInternalErrorAndKeepsTheParserInStep() throws Exception {
        XmlPullParser real = PacketParserUtils.getParserFor("<items><state xmlns='http://asterisk.org' "
                + "eid='00:11:22:33:44:01'>INUSE<!-- c --></state><after/></items>");
        real.next();
        XmlPullParser failing = failingOnGetText(real);

        AsteriskPayload payload = new DeviceStateProvider().parse(failing);

        assertThat(payload).isInstanceOfSatisfying(RejectedPayload.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectReason.INTERNAL_ERROR);
            assertThat(rejected.detail()).contains("IllegalStateException");
        });
        assertThat(real.next()).isEqualTo(XmlPullParser.Event.START_ELEMENT);
        assertThat(real.getName()).isEqualTo("after");
    }

    /** Parses every stanza of a client stream, as Smack's reader does, without any recovery of its own. */
    private static List<Stanza> parseStream(String stanzas) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor("<stream:stream xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams' from='localhost'>" + stanzas + "</stream:stream>");
        XmlEnvironment streamEnvironment = XmlEnvironment.from(parser);
        List<Stanza> parsed = new ArrayList<>();
        for (XmlPullParser.Event event = parser.next(); event != XmlPullParser.Event.END_DOCUMENT; event = parser.next()) {
            if (event == XmlPullParser.Event.START_ELEMENT) {
                parsed.add(PacketParserUtils.parseStanza(parser, streamEnvironment));
            }
        }
        return parsed;
    }

    private static XmlPullParser failingOnGetText(XmlPullParser real) {
        return (XmlPullParser) Proxy.newProxyInstance(XmlPullParser.class.getClassLoader(),
                new Class<?>[] {XmlPullParser.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getText")) {
                        throw new IllegalStateException("simulated parser bug");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
