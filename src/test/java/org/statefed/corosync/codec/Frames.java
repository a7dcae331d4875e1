package org.statefed.corosync.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds res_corosync messages byte by byte, independently of {@link EventEncoder}, so that tests can
 * write both Asterisk's layout and every way to get it wrong.
 */
final class Frames {
    static final int MWI = 0x02;
    static final int DEVICE_STATE = 0x05;
    static final int DEVICE_STATE_CHANGE = 0x06;
    static final int PING = 0x0c;
    static final int CLUSTER_DISCOVERY = 0x0d;

    static final int NEWMSGS = 0x0001;
    static final int OLDMSGS = 0x0002;
    static final int MAILBOX = 0x0003;
    static final int DEVICE = 0x0007;
    static final int STATE = 0x0008;
    static final int CONTEXT = 0x0009;
    static final int EID = 0x0021;
    static final int LOCAL_ADDR = 0x002a;
    static final int CACHABLE = 0x003d;
    static final int NODE_ID = 0x003e;

    /** a1's entity id in the capture, 00:11:22:33:44:01. */
    static final byte[] EID_A1 = {0x00, 0x11, 0x22, 0x33, 0x44, 0x01};

    private Frames() {
    }

    /** An event whose total length field is right. */
    static byte[] event(int type, byte[]... ies) {
        byte[] body = concat(ies);
        return concat(u16(type), u16(4 + body.length), body);
    }

    /** An event whose total length field says {@code declaredLength}, whatever its real length. */
    static byte[] eventDeclaring(int declaredLength, int type, byte[]... ies) {
        return concat(u16(type), u16(declaredLength), concat(ies));
    }

    /** An IE whose length field is right. */
    static byte[] ie(int type, byte[] payload) {
        return concat(u16(type), u16(payload.length), payload);
    }

    static byte[] uintIe(int type, long value) {
        return ie(type, u32(value));
    }

    /** A string IE as Asterisk writes it: little-endian hash, UTF-8, NUL. */
    static byte[] strIe(int type, String text) {
        return strIe(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A string IE around arbitrary bytes (hash of those bytes, then the bytes, then a NUL). */
    static byte[] strIe(int type, byte[] text) {
        return ie(type, concat(hash(text), text, new byte[] {0}));
    }

    static byte[] eidIe() {
        return ie(EID, EID_A1);
    }

    /** Asterisk's device state change for {@code device}: DEVICE, STATE, CACHABLE, EID. */
    static byte[] deviceStateChange(byte[] deviceIe) {
        return event(DEVICE_STATE_CHANGE, deviceIe, uintIe(STATE, 2), uintIe(CACHABLE, 1), eidIe());
    }

    static byte[] mwi(byte[] mailboxIe, byte[] contextIe) {
        return event(MWI, mailboxIe, contextIe, uintIe(NEWMSGS, 2), uintIe(OLDMSGS, 1), eidIe());
    }

    static byte[] hash(byte[] text) {
        int h = AstStrHash.of(text, 0, text.length);
        return new byte[] {(byte) h, (byte) (h >>> 8), (byte) (h >>> 16), (byte) (h >>> 24)};
    }

    static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    static byte[] u32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
