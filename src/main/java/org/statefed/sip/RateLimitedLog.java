package org.statefed.sip;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * (A copy of the xmpp package's; both belong in a shared link package once the hub refactoring lands.)
 * Logs hostile or broken network input at most once per key and interval, so a flood of bad items
 * cannot flood the log; the next line says how many were suppressed. The counters keep the totals.
 */
final class RateLimitedLog {
    private final Logger logger;
    private final Clock clock;
    private final long intervalMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        volatile long openedAt = Long.MIN_VALUE;
        final AtomicLong suppressed = new AtomicLong();
    }

    RateLimitedLog(Logger logger, Clock clock, Duration interval) {
        this.logger = logger;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** Logs an INFO line for {@code key} unless one was logged within the interval. */
    void info(String key, String format, Object... args) {
        log(Level.INFO, key, format, args);
    }

    /** Logs a WARN line for {@code key} unless one was logged within the interval. */
    void warn(String key, String format, Object... args) {
        log(Level.WARN, key, format, args);
    }

    /** Logs an ERROR line for {@code key} unless one was logged within the interval. */
    void error(String key, String format, Object... args) {
        log(Level.ERROR, key, format, args);
    }

    private void log(Level level, String key, String format, Object... args) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        long now = clock.millis();
        synchronized (w) {
            if (w.openedAt != Long.MIN_VALUE && now - w.openedAt < intervalMillis) {
                w.suppressed.incrementAndGet();
                return;
            }
            w.openedAt = now;
        }
        long suppressed = w.suppressed.getAndSet(0);
        String line = suppressed > 0 ? format + " ({} similar lines suppressed)" : format;
        Object[] values = suppressed > 0 ? append(args, suppressed) : args;
        switch (level) {
            case ERROR -> logger.error(line, values);
            case WARN -> logger.warn(line, values);
            default -> logger.info(line, values);
        }
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = last;
        return out;
    }
}
