package org.statefed.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT (Ctrl-C). Once handled here they no longer end the JVM, so the caller
 * stops everything on its own thread and the process exits 0, not with the JVM's 143.
 */
final class StopSignals {
    private StopSignals() {
    }

    /** Blocks until SIGTERM or SIGINT arrives (or the thread is interrupted). */
    static void await() {
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), s -> stop.countDown());
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
