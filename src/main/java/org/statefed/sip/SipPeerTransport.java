package org.statefed.sip;

import java.util.concurrent.CompletableFuture;

/** One link's side of a SIP listener: sends its PUBLISHes; closing it stops routing requests to the link. */
public interface SipPeerTransport {

    /**
     * Sends one PUBLISH and completes with the final answer (after answering a digest challenge with the
     * section's outbound credentials, if any), with 408 when the transaction timed out. Never blocks; the
     * future completes on a SIP stack thread.
     */
    CompletableFuture<PublishResult> publish(OutgoingPublish publish);

    void close();
}
