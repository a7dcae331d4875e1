package org.statefed.xmpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} whose time moves only when a test says so. */
final class ManualScheduler implements Scheduler {
    private long now;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final long due;
        final Runnable action;
        boolean cancelled;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Task t = new Task(now + delay.toMillis(), task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves time forward, running every task that falls due, in order. */
    void advance(Duration by) {
        long until = now + by.toMillis();
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && t.due <= until)
                    .min(Comparator.comparingLong(t -> t.due)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            next.action.run();
        }
        now = until;
    }

    long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
