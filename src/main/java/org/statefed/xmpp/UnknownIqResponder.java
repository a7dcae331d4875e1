package org.statefed.xmpp;

import java.util.concurrent.Executor;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.AbstractIqBuilder;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;

import org.statefed.link.RateLimitedLog;

/**
 * Answers IQ requests in namespaces nobody here understands with {@code service-unavailable}, as RFC 6120
 * 8.4 asks, without echoing the request (the echo is optional, and Smack's echo of an unparsed element is
 * malformed: see {@link StatefedTcpConnection}). Each is counted and logged rate-limited: they come from
 * anyone on the network.
 */
final class UnknownIqResponder {
    private final String account;
    private final Counters counters;
    private final RateLimitedLog log;
    private final Executor executor;

    /**
     * @param executor where answers are sent from, never Smack's reader thread
     */
    UnknownIqResponder(String account, Counters counters, RateLimitedLog log, Executor executor) {
        this.account = account;
        this.counters = counters;
        this.log = log;
        this.executor = executor;
    }

    /** Takes a request Smack could not parse; called on Smack's reader thread, so it only enqueues. */
    void received(XMPPConnection connection, IQ request) {
        executor.execute(() -> answer(connection, request));
    }

    private void answer(XMPPConnection connection, IQ request) {
        counters.increment(Counters.Counter.UNKNOWN_IQ);
        log.warn("unknown-iq", "[{}] answered an IQ {} from {} for <{} xmlns='{}'> with service-unavailable: "
                + "statefed offers no such service", account, request.getType(), request.getFrom(),
                request.getChildElementName(), request.getChildElementNamespace());
        ErrorIQ reply = errorReply(request, StanzaError.Condition.service_unavailable);
        try {
            connection.sendStanza(reply);
        } catch (SmackException.NotConnectedException e) {
            // The connection is gone; so is the sender's wait for an answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An error reply to {@code request} that carries no copy of the request's child element. */
    static ErrorIQ errorReply(IQ request, StanzaError.Condition condition) {
        return ErrorIQ.builder(StanzaError.getBuilder(condition).build(), AbstractIqBuilder.createErrorResponse(request))
                .build();
    }
}
