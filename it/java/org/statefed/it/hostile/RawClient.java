package org.statefed.it.hostile;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.parts.Resourcepart;
import org.statefed.it.fixture.XmppServer;

/** A plain Smack client (no statefed), logged in, for playing strangers, intruders and meddling owners. */
final class RawClient {
    private RawClient() {
    }

    static XMPPTCPConnection login(XmppServer server, String localpart, String password, String resource)
            throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(server.domain()).setHost(server.host()).setPort(server.clientPort())
                .setUsernameAndPassword(localpart, password).setResource(Resourcepart.from(resource))
                .setSecurityMode(SecurityMode.disabled).build());
        c.connect().login();
        return c;
    }
}
