package org.statefed.state;

/** Thrown when a text names no Asterisk device state. */
public final class UnknownDeviceStateException extends IllegalArgumentException {
    private final String token;

    public UnknownDeviceStateException(String token) {
        super("unknown device state " + (token == null ? "(none)" : "'" + token + "'")
                + "; allowed (any case): " + DeviceState.describeAllowed());
        this.token = token;
    }

    /** The rejected text, possibly null. */
    public String token() {
        return token;
    }
}
