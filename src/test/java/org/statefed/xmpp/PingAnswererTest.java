package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

class PingAnswererTest {
    private static final Jid SITE2 = JidCreate.fullFromOrThrowUnchecked("site2@example.com/statefed");
    private static final Jid US = JidCreate.fullFromOrThrowUnchecked("site1@example.com/statefed");

    @Test
    void aPingIsAnsweredWithAResultAndItsSenderIsNotedAsHeardFrom() {
        List<Jid> heard = new ArrayList<>();
        Ping ping = new Ping(US);
        ping.setFrom(SITE2);
        ping.setStanzaId("p1");

        IQ pong = new PingAnswerer(heard::add).handleIQRequest(ping);

        assertThat(pong.getType()).isEqualTo(IQ.Type.result);
        assertThat(pong.getStanzaId()).isEqualTo("p1");
        assertThat((Object) pong.getTo()).isEqualTo(SITE2);
        assertThat(heard).containsExactly(SITE2);
    }
}
