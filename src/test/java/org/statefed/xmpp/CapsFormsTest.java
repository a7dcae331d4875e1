package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Caps in every form a peer sends are read without an exception; node and version are kept as sent. */
class CapsFormsTest {

    @BeforeAll
    static void provider() {
        LenientCapsProvider.register();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Asterisk res_xmpp, verbatim from shared/captures/asterisk-res_xmpp-prosody.txt (legacy: no hash).
        "asterisk legacy|<c ver='asterisk-xmpp' node='http://www.asterisk.org/xmpp/client/caps' xmlns='http://jabber.org/protocol/caps' ext='voice-v1 video-v1 camera-v1'/>|http://www.asterisk.org/xmpp/client/caps|asterisk-xmpp|",
        "current form|<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://igniterealtime.org/projects/smack' ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>|https://igniterealtime.org/projects/smack|QgayPKawpkPSDYmwT/WM94uAlu0=|sha-1",
        "empty element|<c xmlns='http://jabber.org/protocol/caps'/>|||",
        "with a child|<c xmlns='http://jabber.org/protocol/caps' node='n' ver='v'><x/>text</c>|n|v|",
    })
    void capsAreReadAsSent(String name, String caps, String node, String ver, String hash) throws Exception {
        Presence presence = PacketParserUtils.parseStanza("<presence xmlns='jabber:client' "
                + "from='server1@localhost/astvoip1' xml:lang='en'><status>astlab1</status><priority>1</priority>"
                + caps + "</presence>");
        CapsExtension parsed = presence.getExtension(CapsExtension.class);
        assertThat(parsed.getNode()).isEqualTo(node == null ? "" : node);
        assertThat(parsed.getVer()).isEqualTo(ver == null ? "" : ver);
        assertThat(parsed.getHash()).isEqualTo(hash == null ? "" : hash);
        assertThat(presence.getStatus()).isEqualTo("astlab1");
    }
}
