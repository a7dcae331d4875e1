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

    @Test
    void aBridgeListsTheEntityIdsItBridgesAndTheyParseBack() throws Exception {
        EntityId own = EntityId.parse("00:11:22:33:44:02");
        EntityId lan1 = EntityId.parse("00:11:22:33:44:a1");
        EntityId lan2 = EntityId.parse("00:11:22:33:44:a2");
        StatefedPresenceElement sent = StatefedPresenceElement.of(own, java.util.Set.of(lan2, lan1, own));
        String xml = sent.toXML().toString();
        assertThat(xml).isEqualTo("<statefed xmlns='urn:xmpp:statefed:0' eid='00:11:22:33:44:02'>"
                + "<bridges eid='00:11:22:33:44:a1'/><bridges eid='00:11:22:33:44:a2'/></statefed>");

        StatefedPresenceElement parsed = (StatefedPresenceElement) presence(xml + "<status>up</status>")
                .getExtension(StatefedPresenceElement.QNAME);

        assertThat(parsed).isEqualTo(sent);
        assertThat(parsed.bridged()).containsExactly(lan1, lan2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed bridged eid | <statefed xmlns='urn:xmpp:statefed:0' eid='00:11:22:33:44:02'><bridges eid='x'/></statefed> | bridged entity id",
        "bridged without eid | <statefed xmlns='urn:xmpp:statefed:0' eid='00:11:22:33:44:02'><bridges/></statefed> | no eid attribute"})
    void aBadBridgedIdMakesTheWholeClaimInvalid(String name, String extension, String problem) throws Exception {
        Presence parsed = presence(extension + "<status>still here</status>");
        StatefedPresenceElement element = (StatefedPresenceElement) parsed.getExtension(StatefedPresenceElement.QNAME);
        assertThat(element.eid()).isEmpty();
        assertThat(element.bridged()).isEmpty();
        assertThat(element.problem()).contains(problem);
        assertThat(parsed.getStatus()).isEqualTo("still here");
    }

    @Test
    void unknownChildrenBesideBridgesAreIgnored() throws Exception {
        Presence parsed = presence("<statefed xmlns='urn:xmpp:statefed:0' eid='00:11:22:33:44:02'><future x='1'>"
                + "<bridges eid='00:11:22:33:44:a9'/></future><bridges eid='00:11:22:33:44:a1'/></statefed>");
        StatefedPresenceElement element = (StatefedPresenceElement) parsed.getExtension(StatefedPresenceElement.QNAME);
        assertThat(element.bridged()).containsExactly(EntityId.parse("00:11:22:33:44:a1"));
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
