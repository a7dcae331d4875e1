package org.statefed.xmpp;

import java.util.function.BiConsumer;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Smack's TCP connection with one repair: an IQ request in a namespace Smack has no parser for goes to
 * {@code unknownRequests} instead of Smack's automatic error reply. That reply echoes the request's child
 * element, and for an unparsed one Smack 4.4 writes an escaped copy of the element inside its own start
 * tag ({@code <foo xmlns='urn:evil'&lt;foo .../&gt;</foo>}): the server closes our stream as not
 * well-formed, so one IQ from anyone would disconnect the site. Requests Smack parsed keep Smack's
 * handling (their handlers, or its correct reply).
 */
final class StatefedTcpConnection extends XMPPTCPConnection {
    private final BiConsumer<XMPPTCPConnection, IQ> unknownRequests;

    /**
     * @param unknownRequests called on Smack's reader thread: must only hand the request on
     */
    StatefedTcpConnection(XMPPTCPConnectionConfiguration config, BiConsumer<XMPPTCPConnection, IQ> unknownRequests) {
        super(config);
        this.unknownRequests = unknownRequests;
    }

    @Override
    protected void invokeStanzaCollectorsAndNotifyRecvListeners(Stanza stanza) {
        if (stanza instanceof UnparsedIQ request && request.isRequestIQ()) {
            unknownRequests.accept(this, request);
            return;
        }
        super.invokeStanzaCollectorsAndNotifyRecvListeners(stanza);
    }
}
