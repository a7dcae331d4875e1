package org.statefed.web;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One client's Server-Sent Events response: frames are queued by the feed thread and written one at a time
 * with Jetty's asynchronous writes, so a slow client never holds the feed up. A client whose queue grows past
 * {@code maxQueuedBytes} is cut off: it reconnects with its Last-Event-ID and gets the missed events or, if
 * too far behind, a fresh snapshot.
 */
final class SseStream {
    private final Response response;
    private final Callback done;
    private final long maxQueuedBytes;
    private final Consumer<SseStream> onEnd;
    private final String client;
    private final Writer writer = new Writer();

    // Guarded by 'this'.
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean ended;
    private boolean completed;

    SseStream(Response response, Callback done, long maxQueuedBytes, String client, Consumer<SseStream> onEnd) {
        this.response = response;
        this.done = done;
        this.maxQueuedBytes = maxQueuedBytes;
        this.client = client;
        this.onEnd = onEnd;
    }

    String client() {
        return client;
    }

    /** Queues a frame; false if the stream has ended (or just ended because the client is too far behind). */
    boolean send(byte[] frame) {
        synchronized (this) {
            if (ended) {
                return false;
            }
            if (queuedBytes + frame.length > maxQueuedBytes) {
                ended = true;
                queue.clear();
            } else {
                queue.add(ByteBuffer.wrap(frame));
                queuedBytes += frame.length;
            }
        }
        if (isEnded()) {
            end(new IllegalStateException("client too far behind: more than " + maxQueuedBytes + " bytes queued"));
            return false;
        }
        writer.iterate();
        return true;
    }

    synchronized boolean isEnded() {
        return ended;
    }

    /** Ends the response (the node stops, the client went away or fell behind); only the first call counts. */
    void end(Throwable why) {
        synchronized (this) {
            ended = true;
            queue.clear();
            if (completed) {
                return;
            }
            completed = true;
        }
        onEnd.accept(this);
        if (why == null) {
            done.succeeded();
        } else {
            done.failed(why);
        }
    }

    private synchronized ByteBuffer next() {
        ByteBuffer buffer = ended ? null : queue.poll();
        if (buffer != null) {
            queuedBytes -= buffer.remaining();
        }
        return buffer;
    }

    /** Writes queued frames one after the other; Jetty's IteratingCallback keeps re-entrant completions flat. */
    private final class Writer extends IteratingCallback {
        @Override
        protected Action process() {
            ByteBuffer buffer = next();
            if (buffer == null) {
                return isEnded() ? Action.SUCCEEDED : Action.IDLE;
            }
            response.write(false, buffer, this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            end(cause);
        }
    }
}
