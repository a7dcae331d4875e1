package org.statefed.corosync.cpg;

/** Why a process left or joined a group ({@code cpg_reason_t}). */
public enum ConfchgReason {
    UNDEFINED, JOIN, LEAVE, NODEDOWN, NODEUP, PROCDOWN;

    /** The reason for a {@code cpg_reason_t} value; values outside 1..5 are {@link #UNDEFINED}. */
    public static ConfchgReason of(int value) {
        return value >= 1 && value <= 5 ? values()[value] : UNDEFINED;
    }
}
