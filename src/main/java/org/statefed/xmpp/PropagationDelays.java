package org.statefed.xmpp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import org.statefed.wire.PublishTime;

/**
 * How long statefed peers' items took to reach us: receive time on our clock minus the {@code sf:published}
 * time on theirs, so the figure includes the clock skew between the two sites. A time is never trusted: one
 * that cannot be read, lies more than {@link #MAX_SKEW} in the future or more than {@link #MAX_AGE} in the
 * past is not recorded but counted per {@link Outcome}; one slightly in the future (skew) is recorded as zero
 * and counted as {@link Outcome#CLAMPED}. Delays go to the one {@link Sink} a metrics registry installs; the
 * outcome counts are kept here, so they exist without one. Lock-free; shared by all connections of a node.
 */
public final class PropagationDelays {
    /** Further in the future than this is not skew but a wrong clock or a made-up value. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    /** Older than this is not a propagation delay worth a bucket but an item that waited somewhere. */
    public static final Duration MAX_AGE = Duration.ofHours(1);

    /** Receives every accepted delay, on the merge thread: must not block. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param site the buddy that published the item (one of the configured buddies, so a bounded set)
         * @param delay not negative
         */
        void delay(String site, Duration delay);
    }

    /** What became of one item's publish time. */
    public enum Outcome {
        /** Recorded as it was. */
        RECORDED,
        /** Slightly in the future (clock skew): recorded as zero. */
        CLAMPED,
        /** The item carried none (Asterisk, or an older statefed): nothing to record. */
        ABSENT,
        /** Not a UTC date-time: ignored. */
        UNREADABLE,
        /** More than {@link #MAX_SKEW} ahead of our clock: ignored. */
        FUTURE,
        /** More than {@link #MAX_AGE} behind our clock: ignored. */
        TOO_OLD;

        /** The Prometheus label value. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the time was left out of the figures. */
        public boolean ignored() {
            return this == UNREADABLE || this == FUTURE || this == TOO_OLD;
        }
    }

    private final Clock clock;
    private final EnumMap<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);
    private volatile Sink sink = (site, delay) -> { };

    public PropagationDelays(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
    }

    /** Installs where delays go (replacing the previous one); nothing is buffered for a late sink. */
    public void sendTo(Sink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Judges one live item's publish time against our clock now, counts the outcome and records the delay. */
    public Outcome observe(String site, PublishTime published) {
        Outcome outcome = judge(site, published, clock.instant());
        outcomes.get(outcome).increment();
        return outcome;
    }

    private Outcome judge(String site, PublishTime published, Instant now) {
        if (published.kind() == PublishTime.Kind.ABSENT) {
            return Outcome.ABSENT;
        }
        if (published.instant().isEmpty()) {
            return Outcome.UNREADABLE;
        }
        Duration delay = Duration.between(published.instant().get(), now);
        if (delay.compareTo(MAX_SKEW.negated()) < 0) {
            return Outcome.FUTURE;
        }
        if (delay.compareTo(MAX_AGE) > 0) {
            return Outcome.TOO_OLD;
        }
        if (delay.isNegative()) {
            sink.delay(site, Duration.ZERO);
            return Outcome.CLAMPED;
        }
        sink.delay(site, delay);
        return Outcome.RECORDED;
    }

    public long count(Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    /** Every outcome's count, zero counts included. */
    public Map<Outcome, Long> snapshot() {
        EnumMap<Outcome, Long> out = new EnumMap<>(Outcome.class);
        outcomes.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableMap(out);
    }
}
