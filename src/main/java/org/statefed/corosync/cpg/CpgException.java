package org.statefed.corosync.cpg;

import java.util.Optional;

/**
 * A libcpg call failed: names the call, the group and the {@code cs_error_t}, or (without an error
 * code) libcpg itself could not be loaded.
 */
public final class CpgException extends Exception {
    private final transient CsError error;
    private final int code;

    /** A failure with {@code error}, for code that stands in for libcpg (a link's test transport). */
    public CpgException(String message, CsError error) {
        this(message, error, error.code());
    }

    CpgException(String message, CsError error, int code) {
        super(message);
        this.error = error;
        this.code = code;
    }

    CpgException(String message, Throwable cause) {
        super(message, cause);
        this.error = null;
        this.code = 0;
    }

    /** The error of a call that failed, for the caller to branch on; empty when libcpg is not loadable. */
    public Optional<CsError> error() {
        return Optional.ofNullable(error);
    }

    /** The raw {@code cs_error_t} value (meaningful when {@link #error()} is {@link CsError#UNKNOWN}). */
    public int code() {
        return code;
    }

    /** The exception for {@code call} returning {@code code}, with what it means for the operator. */
    static CpgException of(String call, String group, int code) {
        CsError error = CsError.of(code);
        String name = error == CsError.UNKNOWN ? "cs_error_t " + code : error.name();
        String message = call + " for CPG group \"" + group + "\" failed: " + name;
        if (error == CsError.CS_ERR_LIBRARY) {
            message += " (corosync is not running or went away: libcpg found no daemon on its IPC socket,"
                    + " the abstract unix socket @cpg; start corosync, e.g. systemctl start corosync)";
        } else if (error == CsError.CS_ERR_BAD_HANDLE) {
            message += " (the CPG handle is closed or its daemon restarted)";
        } else if (error == CsError.CS_ERR_ACCESS) {
            message += " (corosync refused this user: see uidgid in corosync.conf)";
        }
        return new CpgException(message, error, code);
    }
}
