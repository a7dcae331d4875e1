package org.statefed.corosync.codec;

/**
 * The information element types res_corosync's events carry ({@code enum ast_event_ie_type}), each with
 * the payload type Asterisk gives it.
 */
public enum IeType {
    NEWMSGS(0x0001, "NewMessages", IePayload.UINT),
    OLDMSGS(0x0002, "OldMessages", IePayload.UINT),
    MAILBOX(0x0003, "Mailbox", IePayload.STR),
    DEVICE(0x0007, "Device", IePayload.STR),
    STATE(0x0008, "State", IePayload.UINT),
    CONTEXT(0x0009, "Context", IePayload.STR),
    EID(0x0021, "EntityID", IePayload.EID),
    LOCAL_ADDR(0x002a, "LocalAddress", IePayload.STR),
    CACHABLE(0x003d, "Cachable", IePayload.UINT),
    NODE_ID(0x003e, "NodeID", IePayload.UINT);

    private static final IeType[] VALUES = values();

    private final int code;
    private final String asteriskName;
    private final IePayload payload;

    IeType(int code, String asteriskName, IePayload payload) {
        this.code = code;
        this.asteriskName = asteriskName;
        this.payload = payload;
    }

    /** The 16-bit type number on the wire. */
    public int code() {
        return code;
    }

    /** The name Asterisk gives the IE in its event dumps, e.g. {@code Device}. */
    public String asteriskName() {
        return asteriskName;
    }

    public IePayload payload() {
        return payload;
    }

    /** The IE type with this number, or null if res_corosync never sends it. */
    public static IeType ofCode(int code) {
        for (IeType type : VALUES) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return String.format("%s (0x%04x)", asteriskName, code);
    }
}
