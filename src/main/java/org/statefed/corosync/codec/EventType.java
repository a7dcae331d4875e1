package org.statefed.corosync.codec;

import java.util.List;

/**
 * The event types res_corosync multicasts ({@code enum ast_event_type}), each with its IEs in the
 * order Asterisk writes them (the order of the {@code ast_event_new} arguments; EID last). Every IE
 * listed is required.
 */
public enum EventType {
    MWI(0x02, "AST_EVENT_MWI", List.of(IeType.MAILBOX, IeType.CONTEXT, IeType.NEWMSGS, IeType.OLDMSGS, IeType.EID)),
    /** The aggregate device state: Asterisk sends it, but no receiver has a handler for it. */
    DEVICE_STATE(0x05, "AST_EVENT_DEVICE_STATE", List.of(IeType.DEVICE, IeType.STATE, IeType.CACHABLE, IeType.EID)),
    DEVICE_STATE_CHANGE(0x06, "AST_EVENT_DEVICE_STATE_CHANGE",
            List.of(IeType.DEVICE, IeType.STATE, IeType.CACHABLE, IeType.EID)),
    PING(0x0c, "AST_EVENT_PING", List.of(IeType.EID)),
    CLUSTER_DISCOVERY(0x0d, "AST_EVENT_CLUSTER_DISCOVERY", List.of(IeType.NODE_ID, IeType.LOCAL_ADDR, IeType.EID));

    private static final EventType[] VALUES = values();

    private final int code;
    private final String asteriskName;
    private final List<IeType> ies;

    EventType(int code, String asteriskName, List<IeType> ies) {
        this.code = code;
        this.asteriskName = asteriskName;
        this.ies = ies;
    }

    /** The 16-bit type number on the wire. */
    public int code() {
        return code;
    }

    /** Asterisk's name for it, e.g. {@code AST_EVENT_MWI}. */
    public String asteriskName() {
        return asteriskName;
    }

    /** Its IEs in Asterisk's order; all required, none other allowed. */
    public List<IeType> ies() {
        return ies;
    }

    /** The event type with this number, or null if res_corosync never sends it. */
    public static EventType ofCode(int code) {
        for (EventType type : VALUES) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return String.format("%s (0x%02x)", asteriskName, code);
    }
}
