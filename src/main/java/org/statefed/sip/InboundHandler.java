package org.statefed.sip;

import java.util.function.Consumer;

/**
 * Receives the PUBLISHes routed to one link. Called on a SIP stack thread: it only enqueues; the answer is
 * given later, from any thread, through {@code reply}, exactly once.
 */
@FunctionalInterface
public interface InboundHandler {
    void onPublish(IncomingPublish request, Consumer<PublishAnswer> reply);
}
