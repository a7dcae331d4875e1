package org.statefed.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and timers moved by hand: {@link #advance} runs what falls due, in time order. */
final class FakeTimers extends Clock implements Timers {
    private Instant now = Instant.parse("2026-11-30T05:58:00Z");
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    private final class Task {
        final Instant due;
        final long order = sequence++;
        final Runnable run;
        boolean cancelled;

        Task(Instant due, Runnable run) {
            this.due = due;
            this.run = run;
        }
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves time forward, running each task when its time comes. */
    void advance(Duration by) {
        Instant end = now.plus(by);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && !t.due.isAfter(end))
                    .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            if (next.due.isAfter(now)) {
                now = next.due;
            }
            next.run.run();
        }
        now = end;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneOffset getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
        return this;
    }
}
