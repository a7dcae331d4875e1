package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LenientCapsProviderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty element                     | <c xmlns='http://jabber.org/protocol/caps'/>                                                   | true  | ''",
        "Asterisk's legacy caps, no hash   | <c xmlns='http://jabber.org/protocol/caps' node='http://www.asterisk.org/xmpp/client/caps' ver='asterisk-xmpp' ext='voice-v1'/> | false | http://www.asterisk.org/xmpp/client/caps",
        "XEP-0115 caps with hash           | <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://statefed' ver='abc='/>  | false | https://statefed",
        "children inside are skipped       | <c xmlns='http://jabber.org/protocol/caps' node='n' ver='v'><x/>text</c>                    | false | n",
    })
    void capsAreParsedWithoutRefusingMissingAttributes(String what, String caps, boolean malformed, String node)
            throws Exception {
        LenientCapsProvider.register();
        Presence presence = PacketParserUtils.parseStanza("<presence from='a@localhost/r' to='b@localhost/s'>" + caps
                + "<status>still parsed</status></presence>");
        CapsExtension parsed = presence.getExtension(CapsExtension.class);
        assertThat(parsed).isNotNull();
        assertThat(LenientCapsProvider.isMalformed(parsed)).isEqualTo(malformed);
        assertThat(parsed.getNode()).isEqualTo(node);
        assertThat(presence.getStatus()).isEqualTo("still parsed");
    }
}
