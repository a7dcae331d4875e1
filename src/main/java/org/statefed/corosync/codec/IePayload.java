package org.statefed.corosync.codec;

/** How an IE's payload is laid out ({@code enum ast_event_ie_pltype} as res_corosync uses it). */
public enum IePayload {
    /** A 32-bit unsigned number, big-endian. */
    UINT(4),
    /** A 32-bit {@link AstStrHash} in the sender's byte order, the bytes, a NUL. */
    STR(-1),
    /** An entity id: six raw bytes. */
    EID(6);

    /** Smallest string payload: the hash and the NUL of an empty string. */
    static final int MIN_STR_LENGTH = 5;

    private final int fixedLength;

    IePayload(int fixedLength) {
        this.fixedLength = fixedLength;
    }

    /** True if a payload of {@code length} bytes can be of this kind. */
    boolean allowsLength(int length) {
        return fixedLength < 0 ? length >= MIN_STR_LENGTH : length == fixedLength;
    }

    String describeLength() {
        return fixedLength < 0 ? "at least " + MIN_STR_LENGTH + " bytes (hash and NUL)" : fixedLength + " bytes";
    }
}
