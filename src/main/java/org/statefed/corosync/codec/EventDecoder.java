package org.statefed.corosync.codec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        ScannedIes ies = ScannedIes.scan(message, type);
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
}
