package org.statefed.corosync.codec;

import java.nio.charset.StandardCharsets;

/**
 * Asterisk's {@code ast_str_hash} (include/asterisk/strings.h): djb2 with xor over the string's bytes,
 * taken as unsigned, kept to 31 bits. res_corosync writes it in front of every string IE; receivers
 * never check it, but Asterisk computes it, so statefed does too to send Asterisk's exact bytes.
 */
public final class AstStrHash {
    private static final int SEED = 5381;

    private AstStrHash() {
    }

    /** The hash of {@code text}'s UTF-8 bytes. */
    public static int of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return of(bytes, 0, bytes.length);
    }

    /** The hash of {@code length} bytes from {@code offset}: h = h * 33 ^ byte, then h &amp; 0x7fffffff. */
    public static int of(byte[] bytes, int offset, int length) {
        int hash = SEED;
        for (int i = offset; i < offset + length; i++) {
            // int arithmetic wraps modulo 2^32 exactly like C's unsigned int.
            hash = hash * 33 ^ (bytes[i] & 0xFF);
        }
        return hash & 0x7FFF_FFFF;
    }
}
