package org.statefed.corosync.codec;

import org.statefed.state.DeviceState;

/**
 * Asterisk's {@code enum ast_device_state} numbers, as the STATE IE carries them. Spelled out rather
 * than taken from {@code DeviceState.ordinal()}, so reordering that enum cannot change the wire.
 */
final class StateNumbers {
    private static final DeviceState[] BY_NUMBER = {
        DeviceState.UNKNOWN, DeviceState.NOT_INUSE, DeviceState.INUSE, DeviceState.BUSY, DeviceState.INVALID,
        DeviceState.UNAVAILABLE, DeviceState.RINGING, DeviceState.RINGINUSE, DeviceState.ONHOLD,
    };

    private StateNumbers() {
    }

    /** The state with Asterisk number {@code number}, or null for any other number. */
    static DeviceState ofNumber(long number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[(int) number] : null;
    }

    /** Asterisk's number for {@code state}. */
    static int numberOf(DeviceState state) {
        return switch (state) {
            case UNKNOWN -> 0;
            case NOT_INUSE -> 1;
            case INUSE -> 2;
            case BUSY -> 3;
            case INVALID -> 4;
            case UNAVAILABLE -> 5;
            case RINGING -> 6;
            case RINGINUSE -> 7;
            case ONHOLD -> 8;
        };
    }
}
