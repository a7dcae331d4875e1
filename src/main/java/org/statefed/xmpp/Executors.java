package org.statefed.xmpp;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** statefed's own named threads; an escaping exception is logged, never lost. */
final class Executors {
    private static final Logger LOG = LoggerFactory.getLogger(Executors.class);

    private Executors() {
    }

    /**
     * Up to {@code threads} daemon threads for blocking requests that may run side by side; idle threads
     * end after a few seconds, so a pool used only at set-up costs nothing in between.
     */
    static java.util.concurrent.ThreadPoolExecutor pool(String name, int threads) {
        java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(threads, threads,
                5, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** A single daemon thread with a scheduler; tasks run in submission order. */
    static ScheduledThreadPoolExecutor singleThread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }) {
            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                super.afterExecute(r, t);
                Throwable failure = t;
                // Scheduled executors wrap every task in a future, which would hide its exception.
                if (failure == null && r instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        failure = e.getCause();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (failure != null) {
                    LOG.error("unexpected failure on thread {}", name, failure);
                }
            }
        };
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
