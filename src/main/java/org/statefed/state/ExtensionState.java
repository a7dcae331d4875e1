package org.statefed.state;

/**
 * An extension (hint) state as Asterisk shows it ({@code ast_extension_state2str}), derived from the
 * aggregate of the hint's devices by {@link #fromDeviceState(DeviceState)}.
 */
public enum ExtensionState {
    IDLE("Idle"),
    INUSE("InUse"),
    BUSY("Busy"),
    UNAVAILABLE("Unavailable"),
    RINGING("Ringing"),
    INUSE_RINGING("InUse&Ringing"),
    HOLD("Hold"),
    INUSE_HOLD("InUse&Hold");

    private final String displayName;

    ExtensionState(String displayName) {
        this.displayName = displayName;
    }

    /** The name Asterisk prints, e.g. {@code InUse&Ringing}. */
    public String displayName() {
        return displayName;
    }

    /** Maps a device aggregate the way Asterisk's {@code ast_devstate_to_extenstate} does. */
    public static ExtensionState fromDeviceState(DeviceState state) {
        return switch (state) {
            case ONHOLD -> HOLD;
            case BUSY -> BUSY;
            case UNKNOWN, NOT_INUSE -> IDLE;
            case UNAVAILABLE, INVALID -> UNAVAILABLE;
            case RINGINUSE -> INUSE_RINGING;
            case RINGING -> RINGING;
            case INUSE -> INUSE;
        };
    }

    @Override
    public String toString() {
        return displayName;
    }
}
