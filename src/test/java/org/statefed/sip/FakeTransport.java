package org.statefed.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.statefed.config.SipPublicationConfig;

/** A SIP stack stand-in: records every PUBLISH the link sends, the test answers it; injects inbound ones. */
final class FakeTransport implements SipTransportFactory, SipPeerTransport {
    record Sent(OutgoingPublish publish, CompletableFuture<PublishResult> answer) {
        String body() {
            return publish.body() == null ? null : new String(publish.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        void respond(int status, String etag) {
            answer.complete(new PublishResult(status, status == 200 ? "OK" : "Error", etag, publish.cseq()));
        }
    }

    final List<Sent> sent = new ArrayList<>();
    InboundHandler handler;
    boolean closed;
    int attachFailures;

    @Override
    public SipPeerTransport attach(SipPublicationConfig config, InboundHandler handler) throws IOException {
        if (attachFailures > 0) {
            attachFailures--;
            throw new IOException("Address already in use");
        }
        this.handler = handler;
        return this;
    }

    @Override
    public CompletableFuture<PublishResult> publish(OutgoingPublish publish) {
        Sent s = new Sent(publish, new CompletableFuture<>());
        sent.add(s);
        return s.answer;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Delivers a PUBLISH as the stack would and returns the answer the link gave (synchronously here). */
    PublishAnswer deliver(IncomingPublish request) {
        List<PublishAnswer> answers = new ArrayList<>();
        Consumer<PublishAnswer> reply = answers::add;
        handler.onPublish(request, reply);
        if (answers.size() != 1) {
            throw new AssertionError("expected exactly one answer, got " + answers);
        }
        return answers.get(0);
    }

    /** The PUBLISHes sent and not answered yet. */
    List<Sent> open() {
        return sent.stream().filter(s -> !s.answer.isDone()).toList();
    }
}
