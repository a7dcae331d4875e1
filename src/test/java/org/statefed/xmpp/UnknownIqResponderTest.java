package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class UnknownIqResponderTest {
    private static final String EVIL = "<iq type='set' id='e1' from='stranger@localhost/evil' "
            + "to='site1@localhost/statefed'><foo xmlns='urn:evil'/></iq>";

    private static void parseXml(CharSequence xml) throws Exception {
        javax.xml.parsers.DocumentBuilder builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                throw e;
            }
        });
        builder.parse(new InputSource(new StringReader(xml.toString())));
    }

    private static IQ evilRequest() throws Exception {
        Stanza stanza = PacketParserUtils.parseStanza(EVIL);
        assertThat(stanza).isInstanceOf(UnparsedIQ.class);
        return (IQ) stanza;
    }

    @Test
    void smacksOwnReplyToAnUnparsedRequestIsNotWellFormed() throws Exception {
        // The reason StatefedTcpConnection keeps such requests away from Smack's automatic reply.
        CharSequence smacks = IQ.createErrorResponse(evilRequest(), StanzaError.Condition.service_unavailable).toXML();
        assertThatThrownBy(() -> parseXml(smacks)).isInstanceOf(org.xml.sax.SAXParseException.class);
    }

    @Test
    void ourReplyIsAWellFormedServiceUnavailableAddressedToTheSender() throws Exception {
        IQ reply = UnknownIqResponder.errorReply(evilRequest(), StanzaError.Condition.service_unavailable);
        parseXml(reply.toXML());
        assertThat(reply.getType()).isEqualTo(IQ.Type.error);
        assertThat(reply.getStanzaId()).isEqualTo("e1");
        assertThat(reply.getTo().toString()).isEqualTo("stranger@localhost/evil");
        assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(reply.toXML().toString()).doesNotContain("urn:evil");
    }
}
