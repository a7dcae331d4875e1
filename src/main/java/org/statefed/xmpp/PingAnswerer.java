package org.statefed.xmpp;

import java.util.Objects;
import java.util.function.Consumer;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jxmpp.jid.Jid;

/**
 * Answers XEP-0199 pings as Smack's {@code PingManager} does, and tells who pinged first: a buddy that
 * keeps pinging us is alive, even while our own pings to it wait in a busy server's queues.
 */
final class PingAnswerer extends AbstractIqRequestHandler {
    private final Consumer<Jid> pinged;

    /** @param pinged told the sender of every ping (never null); runs on Smack's thread: must not block */
    PingAnswerer(Consumer<Jid> pinged) {
        super(Ping.ELEMENT, Ping.NAMESPACE, IQ.Type.get, Mode.async);
        this.pinged = Objects.requireNonNull(pinged, "pinged");
    }

    @Override
    public IQ handleIQRequest(IQ request) {
        if (request.getFrom() != null) {
            pinged.accept(request.getFrom());
        }
        return ((Ping) request).getPong();
    }
}
