package org.statefed.state;

import java.util.Collection;
import java.util.Locale;

/**
 * A device state exactly as Asterisk defines it ({@code enum ast_device_state}), with the token used
 * on the wire and in dialplan functions ({@code INUSE}) and the text Asterisk shows to operators
 * ({@code In use}).
 */
public enum DeviceState {
    UNKNOWN("UNKNOWN", "Unknown", 1),
    NOT_INUSE("NOT_INUSE", "Not in use", 3),
    INUSE("INUSE", "In use", 6),
    BUSY("BUSY", "Busy", 7),
    INVALID("INVALID", "Invalid", 0),
    UNAVAILABLE("UNAVAILABLE", "Unavailable", 2),
    RINGING("RINGING", "Ringing", 5),
    RINGINUSE("RINGINUSE", "Ring+Inuse", 8),
    ONHOLD("ONHOLD", "On Hold", 4);

    private static final DeviceState[] VALUES = values();

    private final String token;
    private final String displayText;
    private final int rank;

    DeviceState(String token, String displayText, int rank) {
        this.token = token;
        this.displayText = displayText;
        this.rank = rank;
    }

    /** The Asterisk token, e.g. {@code NOT_INUSE}; what goes on the wire. */
    public String token() {
        return token;
    }

    /** The text Asterisk's CLI shows, e.g. {@code Not in use}. */
    public String displayText() {
        return displayText;
    }

    /** Position in Asterisk's aggregation order: INVALID 0 … RINGINUSE 8. */
    public int rank() {
        return rank;
    }

    /**
     * Parses an Asterisk token, ignoring case.
     *
     * @throws UnknownDeviceStateException if the token names no device state; the caller decides
     *     whether that is a rejected item or a user error, never a silent {@code UNKNOWN}
     */
    public static DeviceState parse(String token) {
        if (token != null) {
            for (DeviceState state : VALUES) {
                if (state.token.equalsIgnoreCase(token)) {
                    return state;
                }
            }
        }
        throw new UnknownDeviceStateException(token);
    }

    /** True for the states that, together with RINGING, make RINGINUSE. */
    boolean isInUseLike() {
        return this == INUSE || this == ONHOLD || this == BUSY;
    }

    /**
     * Folds states the way Asterisk's {@code ast_devstate_aggregate_add} does: start from INVALID,
     * keep the highest rank, and RINGING together with INUSE, ONHOLD or BUSY gives RINGINUSE.
     * An empty collection gives INVALID, as in Asterisk.
     */
    public static DeviceState aggregate(Collection<DeviceState> states) {
        Aggregator aggregator = new Aggregator();
        for (DeviceState state : states) {
            aggregator.add(state);
        }
        return aggregator.result();
    }

    /**
     * Incremental form of {@link #aggregate(Collection)}, so hot paths fold without building a
     * collection. Not thread-safe; one per computation.
     */
    public static final class Aggregator {
        private DeviceState state = INVALID;
        private boolean ringing;
        private boolean inUse;

        /** Adds one state to the fold. */
        public Aggregator add(DeviceState next) {
            if (next == RINGING) {
                ringing = true;
            } else if (next.isInUseLike()) {
                inUse = true;
            }
            if (ringing && inUse) {
                state = RINGINUSE;
            } else if (next.rank > state.rank) {
                state = next;
            }
            return this;
        }

        /** The aggregate of everything added so far (INVALID if nothing was). */
        public DeviceState result() {
            return state;
        }

        /** Starts again from INVALID, so one aggregator can serve many folds. */
        public Aggregator reset() {
            state = INVALID;
            ringing = false;
            inUse = false;
            return this;
        }
    }

    @Override
    public String toString() {
        return token;
    }

    static String describeAllowed() {
        StringBuilder sb = new StringBuilder();
        for (DeviceState state : VALUES) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(state.token);
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
