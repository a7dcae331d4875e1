package org.statefed.corosync.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * Where each IE's payload lies in one message, after checking the IE structure; then reads the values
 * out of it, checking each. Part of {@link EventDecoder}: everything bad is a {@link Rejection}.
 */
final class ScannedIes {
    private static final int IE_TYPES = IeType.values().length;

    private final byte[] message;
    private final int[] offsets = new int[IE_TYPES];
    private final int[] lengths = new int[IE_TYPES];

    private ScannedIes(byte[] message) {
        this.message = message;
        Arrays.fill(offsets, -1);
    }

    static ScannedIes scan(byte[] message, EventType type) throws Rejection {
        ScannedIes ies = new ScannedIes(message);
        int pos = EventDecoder.HEADER_LENGTH;
        while (pos < message.length) {
            if (message.length - pos < EventDecoder.IE_HEADER_LENGTH) {
                throw new Rejection(EventRejectReason.TRUNCATED_IE, "IE header at offset " + pos + " needs "
                        + EventDecoder.IE_HEADER_LENGTH + " bytes, " + (message.length - pos) + " remain");
            }
            int code = EventDecoder.u16(message, pos);
            int length = EventDecoder.u16(message, pos + 2);
            int payload = pos + EventDecoder.IE_HEADER_LENGTH;
            if (length > message.length - payload) {
                throw new Rejection(EventRejectReason.IE_OVERRUN, String.format(
                        "IE 0x%04x at offset %d claims %d payload bytes, %d remain",
                        code, pos, length, message.length - payload));
            }
            IeType ie = IeType.ofCode(code);
            if (ie == null) {
                throw new Rejection(EventRejectReason.UNKNOWN_IE,
                        String.format("IE type 0x%04x at offset %d in %s", code, pos, type));
            }
            if (!type.ies().contains(ie)) {
                throw new Rejection(EventRejectReason.UNEXPECTED_IE, ie + " at offset " + pos + " in " + type);
            }
            if (ies.offsets[ie.ordinal()] >= 0) {
                throw new Rejection(EventRejectReason.DUPLICATE_IE, ie + " again at offset " + pos);
            }
            if (!ie.payload().allowsLength(length)) {
                throw new Rejection(EventRejectReason.BAD_IE_LENGTH, ie + " at offset " + pos + " has "
                        + length + " payload bytes, needs " + ie.payload().describeLength());
            }
            ies.offsets[ie.ordinal()] = payload;
            ies.lengths[ie.ordinal()] = length;
            pos = payload + length;
        }
        if (ies.offsets[IeType.EID.ordinal()] < 0) {
            throw new Rejection(EventRejectReason.MISSING_EID, type + " without " + IeType.EID);
        }
        for (IeType required : type.ies()) {
            if (ies.offsets[required.ordinal()] < 0) {
                throw new Rejection(EventRejectReason.MISSING_IE, type + " without " + required);
            }
        }
        return ies;
    }

    EntityId eid() {
        int offset = offsets[IeType.EID.ordinal()];
        long value = 0;
        for (int i = offset; i < offset + 6; i++) {
            value = value << 8 | message[i] & 0xFF;
        }
        return new EntityId(value);
    }

    long uint(IeType ie) {
        int offset = offsets[ie.ordinal()];
        return ((long) EventDecoder.u16(message, offset)) << 16 | EventDecoder.u16(message, offset + 2);
    }

    DeviceState state() throws Rejection {
        long number = uint(IeType.STATE);
        DeviceState state = StateNumbers.ofNumber(number);
        if (state == null) {
            throw new Rejection(EventRejectReason.UNKNOWN_STATE, "state number " + number);
        }
        return state;
    }

    boolean cachable() throws Rejection {
        long number = uint(IeType.CACHABLE);
        if (number > 1) {
            throw new Rejection(EventRejectReason.BAD_CACHABLE, "cachable number " + number);
        }
        return number == 1;
    }

    int count(IeType ie) throws Rejection {
        long count = uint(ie);
        if (count > Integer.MAX_VALUE) {
            throw new Rejection(EventRejectReason.BAD_COUNT, ie + " is " + count);
        }
        return (int) count;
    }

    MwiUpdate mwi() throws Rejection {
        String mailbox = text(IeType.MAILBOX, "mailbox");
        String context = text(IeType.CONTEXT, "context");
        NameProblem problem = Names.mailboxProblem(mailbox, context);
        if (problem != null) {
            throw new Rejection(problem);
        }
        return new MwiUpdate(mailbox, context, new MwiCounts(count(IeType.NEWMSGS), count(IeType.OLDMSGS)), eid());
    }

    /** A string IE checked as a name. */
    String name(IeType ie, String what) throws Rejection {
        String name = text(ie, what);
        NameProblem problem = Names.problem(what, name);
        if (problem != null) {
            throw new Rejection(problem);
        }
        return name;
    }

    /** A string IE's text: after the hash, up to the NUL that must end it and occur nowhere else. */
    private String text(IeType ie, String what) throws Rejection {
        int start = offsets[ie.ordinal()] + 4;
        int nul = offsets[ie.ordinal()] + lengths[ie.ordinal()] - 1;
        if (message[nul] != 0) {
            throw new Rejection(EventRejectReason.UNTERMINATED_STRING, ie + " does not end with NUL");
        }
        boolean ascii = true;
        for (int i = start; i < nul; i++) {
            if (message[i] == 0) {
                throw new Rejection(EventRejectReason.EMBEDDED_NUL,
                        ie + " has a NUL at offset " + i + " before its end at " + nul);
            }
            ascii &= message[i] > 0;
        }
        if (ascii) {
            return new String(message, start, nul - start, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message, start, nul - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(EventRejectReason.INVALID_UTF8, what + " (" + ie + ") is not valid UTF-8");
        }
    }
}
