package org.statefed.sip;

import java.io.IOException;

import org.statefed.config.SipPublicationConfig;

/**
 * Gives each SIP publication link its way onto the network: the listener on its {@code bind} (shared by
 * the sections with the same bind, routed by {@code inbound_resource} and {@code match}) and the sending of
 * its own PUBLISHes from that address.
 */
public interface SipTransportFactory {

    /**
     * Starts routing the peer's PUBLISHes to {@code handler} (opening the listener if it is the first
     * section on that bind) and returns the transport the link sends with.
     *
     * @throws IOException if the listener cannot be opened (address in use, not local)
     */
    SipPeerTransport attach(SipPublicationConfig config, InboundHandler handler) throws IOException;
}
