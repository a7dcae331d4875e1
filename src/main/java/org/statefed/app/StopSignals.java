package org.statefed.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C), caught from the moment {@link #install()} is called. Once handled
 * here they no longer end the JVM, so the caller stops everything on its own thread and the process
 * exits 0, not with the JVM's 143. A signal that comes while the node is still starting is kept: the
 * node then stops as soon as it can, and removes its admin socket, instead of dying half-made.
 */
final class StopSignals {
    private final CountDownLatch stop = new CountDownLatch(1);

    private StopSignals() {
    }

    /** Catches TERM and INT from now on. */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), s -> signals.stop.countDown());
        }
        return signals;
    }

    /** Whether TERM or INT has arrived. */
    boolean requested() {
        return stop.getCount() == 0;
    }

    /** Blocks until TERM or INT arrives, at once if one already did (or until the thread is interrupted). */
    void await() {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
