package org.statefed.corosync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Worker} a test runs by hand: tasks wait until {@link #runAll}, delays pass with {@link #advance}. */
final class ManualWorker implements Worker {
    private record Timed(long dueMillis, long order, Runnable task) {
    }

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<Timed> timed = new ArrayList<>();
    private long nowMillis;
    private long order;
    private boolean shutdown;

    @Override
    public synchronized void execute(Runnable task) {
        if (!shutdown) {
            queue.add(task);
        }
    }

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        if (!shutdown) {
            timed.add(new Timed(nowMillis + delay.toMillis(), order++, task));
        }
    }

    @Override
    public synchronized boolean shutdown(Duration timeout) {
        runAll();
        shutdown = true;
        timed.clear();
        return true;
    }

    /** Runs queued tasks, and those they queue, until none is left; true if any ran. */
    boolean runAll() {
        boolean ran = false;
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
            }
            if (next == null) {
                return ran;
            }
            next.run();
            ran = true;
        }
    }

    /** Moves time on by {@code delay}, queueing the scheduled tasks that fall due. */
    synchronized void advance(Duration delay) {
        nowMillis += delay.toMillis();
        timed.sort(Comparator.comparingLong(Timed::dueMillis).thenComparingLong(Timed::order));
        while (!timed.isEmpty() && timed.get(0).dueMillis() <= nowMillis) {
            queue.add(timed.remove(0).task());
        }
    }

    synchronized int scheduled() {
        return timed.size();
    }

    /** The delay until the earliest scheduled task, or null if none. */
    synchronized Duration nextDelay() {
        return timed.stream().mapToLong(Timed::dueMillis).min().stream()
                .mapToObj(due -> Duration.ofMillis(due - nowMillis)).findFirst().orElse(null);
    }
}
