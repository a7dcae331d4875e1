package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statefed.state.EntityId;
import org.statefed.wire.AsteriskProviders;
import org.statefed.wire.StatefedPresenceElement;

/** statefed's presence extension: what we send parses back, and a hostile one never breaks the stanza. */
class StatefedPresenceTest {

    @BeforeAll
    static void providers() {
        AsteriskProviders.register();
    }

    private static Presence presence(String extension) throws Exception {
        return PacketParserUtils.parseStanza("<presence xmlns='jabber:client' from='site2@localhost/statefed' "
                + "to='site1@localhost/statefed'><priority>1</priority>" + extension + "</presence>");
    }

    @Test
    void whatWeSendParsesBackToOurEntityId() throws Exception {
        EntityId eid = EntityId.parse("00:11:22:33:44:02");
        String xml = StatefedPresenceElement.of(eid).toXML().toString();
        assertThat(xml).isEqualTo("<statefed xmlns='urn:xmpp:statefed:0' eid='00:11:22:33:44:02'/>");
        Presence parsed = presence(xml);
        assertThat(parsed.getExtension(StatefedPresenceElement.QNAME))
                .isEqualTo(new StatefedPresenceElement(Optional.of(eid), ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing eid | <statefed xmlns='urn:xmpp:statefed:0'/> | no eid attribute",
        "malformed eid | <statefed xmlns='urn:xmpp:statefed:0' eid='zz:11'/> | characters",
        "empty eid | <statefed xmlns='urn:xmpp:statefed:0' eid=''/> | empty",
        "children | <statefed xmlns='urn:xmpp:statefed:0' eid='nope'><x>y</x><z/></statefed> | characters"})
    void badExtensionBecomesInvalidAndTheRestOfThePresenceParses(String name, String extension, String problem)
            throws Exception {
        Presence parsed = presence(extension + "<status>still here</status>");
        StatefedPresenceElement element = (StatefedPresenceElement) parsed.getExtension(StatefedPresenceElement.QNAME);
        assertThat(element.eid()).isEmpty();
        assertThat(element.problem()).contains(problem);
        assertThat(parsed.getStatus()).isEqualTo("still here");
    }

    @Test
    void hugeEidIsRejectedWithoutEchoingIt() throws Exception {
        String huge = "a".repeat(100_000);
        Presence parsed = presence("<statefed xmlns='urn:xmpp:statefed:0' eid='" + huge + "'/>");
        StatefedPresenceElement element = (StatefedPresenceElement) parsed.getExtension(StatefedPresenceElement.QNAME);
        assertThat(element.eid()).isEmpty();
        assertThat(element.problem().length()).isLessThan(300);
    }
}
