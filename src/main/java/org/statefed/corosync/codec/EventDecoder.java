package org.statefed.corosync.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * Turns the bytes of one CPG message into exactly one {@link DecodedEvent}; never throws, so it is safe
 * to call on the CPG dispatch thread.
 *
 * <p>Strict where Asterisk is lax: the total length must equal the bytes delivered, every IE must lie
 * inside the message, be one this event type carries, appear once and have its type's length; every
 * IE of the type is required; strings end in their only NUL and are UTF-8 without control characters;
 * numbers are in range. IEs may come in any order (Asterisk looks them up by type), and the string
 * hash is not checked (Asterisk never reads it).
 */
public final class EventDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);
    /** Type and total length, both 16 bits. */
    static final int HEADER_LENGTH = 4;
    /** IE type and payload length, both 16 bits. */
    static final int IE_HEADER_LENGTH = 4;
    private static final int IE_TYPES = IeType.values().length;

    private EventDecoder() {
    }

    /** Decodes one message as CPG delivered it; null or any bytes at all give a result. */
    public static DecodedEvent decode(byte[] message) {
        try {
            return decodeOrThrow(message);
        } catch (Rejection rejection) {
            return rejection.toEvent();
        } catch (RuntimeException e) {
            // A bug here must not kill the CPG dispatch thread: logged with its stack trace (it is
            // unexpected), then counted and dropped like any other rejection.
            LOG.warn("Unexpected failure while decoding a {}-byte res_corosync message; it is rejected",
                    message == null ? 0 : message.length, e);
            return new RejectedEvent(EventRejectReason.INTERNAL_ERROR, e.getClass().getSimpleName());
        }
    }

    private static DecodedEvent decodeOrThrow(byte[] message) throws Rejection {
        if (message == null || message.length < HEADER_LENGTH) {
            throw new Rejection(EventRejectReason.TRUNCATED_HEADER, (message == null ? 0 : message.length)
                    + " bytes, fewer than the " + HEADER_LENGTH + "-byte header");
        }
        int typeCode = u16(message, 0);
        int totalLength = u16(message, 2);
        if (totalLength != message.length) {
            throw new Rejection(EventRejectReason.LENGTH_MISMATCH, "total length field says " + totalLength
                    + " bytes, " + message.length + " were delivered");
        }
        EventType type = EventType.ofCode(typeCode);
        if (type == null) {
            throw new Rejection(EventRejectReason.UNKNOWN_EVENT_TYPE, String.format("event type 0x%04x", typeCode));
        }
        Ies ies = Ies.scan(message, type);
        return switch (type) {
            case DEVICE_STATE_CHANGE -> new DeviceStateChange(ies.name(IeType.DEVICE, "device"), ies.state(),
                    ies.cachable(), ies.eid());
            case DEVICE_STATE -> new IgnoredEvent(new DeviceStateAggregate(ies.name(IeType.DEVICE, "device"),
                    ies.state(), ies.cachable(), ies.eid()), "res_corosync has no handler for " + type);
            case MWI -> ies.mwi();
            case PING -> new Ping(ies.eid());
            case CLUSTER_DISCOVERY -> new ClusterDiscovery(ies.uint(IeType.NODE_ID),
                    ies.name(IeType.LOCAL_ADDR, "local address"), ies.eid());
        };
    }

    static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }

    /** Where each IE's payload lies in one message, after checking the IE structure. */
    private static final class Ies {
        private final byte[] message;
        private final int[] offsets = new int[IE_TYPES];
        private final int[] lengths = new int[IE_TYPES];

        private Ies(byte[] message) {
            this.message = message;
            Arrays.fill(offsets, -1);
        }

        static Ies scan(byte[] message, EventType type) throws Rejection {
            Ies ies = new Ies(message);
            int pos = HEADER_LENGTH;
            while (pos < message.length) {
                if (message.length - pos < IE_HEADER_LENGTH) {
                    throw new Rejection(EventRejectReason.TRUNCATED_IE, "IE header at offset " + pos + " needs "
                            + IE_HEADER_LENGTH + " bytes, " + (message.length - pos) + " remain");
                }
                int code = u16(message, pos);
                int length = u16(message, pos + 2);
                int payload = pos + IE_HEADER_LENGTH;
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
            return ((long) u16(message, offset)) << 16 | u16(message, offset + 2);
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
}
