package org.statefed.corosync.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * Writes res_corosync events exactly as x86_64 Asterisk does: big-endian type, total length, IE types,
 * IE lengths and numbers; string IEs as {@link AstStrHash} in little-endian (Asterisk stores it in host
 * order), the UTF-8 bytes and a NUL; IEs in {@link EventType#ies()} order, EID last; no padding.
 * The event records are validated when built, so every event can be encoded.
 */
public final class EventEncoder {
    /** Largest event: the total length field has 16 bits. */
    static final int MAX_EVENT_LENGTH = 0xFFFF;

    private EventEncoder() {
    }

    /** The bytes of one event, ready for {@code cpg_mcast_joined}. */
    public static byte[] encode(CorosyncEvent event) {
        Objects.requireNonNull(event, "event");
        Writer out = new Writer(event.type());
        if (event instanceof DeviceStateChange change) {
            out.deviceState(change.device(), change.state(), change.cachable());
        } else if (event instanceof DeviceStateAggregate aggregate) {
            out.deviceState(aggregate.device(), aggregate.state(), aggregate.cachable());
        } else if (event instanceof MwiUpdate mwi) {
            out.string(IeType.MAILBOX, mwi.mailbox())
                    .string(IeType.CONTEXT, mwi.context())
                    .uint(IeType.NEWMSGS, mwi.counts().newMessages())
                    .uint(IeType.OLDMSGS, mwi.counts().oldMessages());
        } else if (event instanceof ClusterDiscovery discovery) {
            out.uint(IeType.NODE_ID, discovery.nodeId())
                    .string(IeType.LOCAL_ADDR, discovery.localAddress());
        } else if (!(event instanceof Ping)) {
            throw new IllegalArgumentException("no encoding for " + event.getClass().getName());
        }
        return out.eid(event.eid()).finish();
    }

    /** A growing event buffer; the total length is filled in by {@link #finish()}. */
    private static final class Writer {
        private byte[] bytes = new byte[64];
        private int length;

        Writer(EventType type) {
            u16(type.code());
            u16(0);
        }

        Writer deviceState(String device, DeviceState state, boolean cachable) {
            return string(IeType.DEVICE, device)
                    .uint(IeType.STATE, StateNumbers.numberOf(state))
                    .uint(IeType.CACHABLE, cachable ? 1 : 0);
        }

        Writer uint(IeType ie, long value) {
            header(ie, 4);
            u16((int) (value >>> 16));
            u16((int) value);
            return this;
        }

        Writer string(IeType ie, String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            header(ie, 4 + utf8.length + 1);
            int hash = AstStrHash.of(utf8, 0, utf8.length);
            // Little-endian: ast_event_append_ie_str stores the hash without htonl.
            u8(hash);
            u8(hash >>> 8);
            u8(hash >>> 16);
            u8(hash >>> 24);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, length, utf8.length);
            length += utf8.length;
            u8(0);
            return this;
        }

        Writer eid(EntityId eid) {
            header(IeType.EID, 6);
            byte[] raw = eid.toBytes();
            ensure(raw.length);
            System.arraycopy(raw, 0, bytes, length, raw.length);
            length += raw.length;
            return this;
        }

        byte[] finish() {
            if (length > MAX_EVENT_LENGTH) {
                // Unreachable with the records' name limits; a bug if it ever happens.
                throw new IllegalStateException("event of " + length + " bytes exceeds the 16-bit length field");
            }
            bytes[2] = (byte) (length >>> 8);
            bytes[3] = (byte) length;
            return Arrays.copyOf(bytes, length);
        }

        private void header(IeType ie, int payloadLength) {
            u16(ie.code());
            u16(payloadLength);
        }

        private void u16(int value) {
            u8(value >>> 8);
            u8(value);
        }

        private void u8(int value) {
            ensure(1);
            bytes[length++] = (byte) value;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
