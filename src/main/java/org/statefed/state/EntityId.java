package org.statefed.state;

/**
 * An Asterisk entity id: six bytes that name one server in a cluster, written
 * {@code 00:11:22:33:44:55}. Held as the low 48 bits of a long so that comparing and hashing
 * allocate nothing.
 */
public record EntityId(long value) implements Comparable<EntityId> {
    private static final long MASK = 0xFFFF_FFFF_FFFFL;
    private static final int TEXT_LENGTH = 17;

    public EntityId {
        if ((value & ~MASK) != 0) {
            throw new IllegalArgumentException("entity id must fit in 48 bits: " + Long.toHexString(value));
        }
    }

    /** Builds an entity id from exactly six bytes (e.g. a MAC address). */
    public static EntityId ofBytes(byte[] bytes) {
        if (bytes == null || bytes.length != 6) {
            throw new IllegalArgumentException("an entity id needs exactly 6 bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return new EntityId(v);
    }

    /**
     * Parses {@code 00:11:22:33:44:55}: six pairs of hex digits (any case) separated by colons.
     *
     * @throws IllegalArgumentException naming what is wrong and the expected form
     */
    public static EntityId parse(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new IllegalArgumentException("invalid entity id "
                    + (text == null ? "(none)" : "'" + text + "'") + ": " + problem
                    + "; expected six hex byte pairs separated by colons, e.g. 00:11:22:33:44:55");
        }
        long v = 0;
        for (int i = 0; i < TEXT_LENGTH; i += 3) {
            v = (v << 8) | (Character.digit(text.charAt(i), 16) << 4) | Character.digit(text.charAt(i + 1), 16);
        }
        return new EntityId(v);
    }

    /** Null if {@code text} is a well-formed entity id, else what is wrong with it. */
    public static String problemWith(String text) {
        if (text == null || text.isEmpty()) {
            return "it is empty";
        }
        if (text.length() != TEXT_LENGTH) {
            return "it has " + text.length() + " characters, not " + TEXT_LENGTH;
        }
        for (int i = 0; i < TEXT_LENGTH; i++) {
            char c = text.charAt(i);
            if (i % 3 == 2) {
                if (c != ':') {
                    return "character " + (i + 1) + " must be ':'";
                }
            } else if (Character.digit(c, 16) < 0 || c > 'f') {
                return "character " + (i + 1) + " is not a hex digit";
            }
        }
        return null;
    }

    /** The six bytes, most significant first. */
    public byte[] toBytes() {
        byte[] bytes = new byte[6];
        for (int i = 5, shift = 0; i >= 0; i--, shift += 8) {
            bytes[i] = (byte) (value >>> shift);
        }
        return bytes;
    }

    @Override
    public int compareTo(EntityId other) {
        return Long.compare(value, other.value);
    }

    /** Lower-case colon form, e.g. {@code 00:11:22:33:44:55}. */
    @Override
    public String toString() {
        char[] out = new char[TEXT_LENGTH];
        for (int i = 0, shift = 40; i < TEXT_LENGTH; i += 3, shift -= 8) {
            int b = (int) (value >>> shift) & 0xFF;
            out[i] = Character.forDigit(b >>> 4, 16);
            out[i + 1] = Character.forDigit(b & 0xF, 16);
            if (i + 2 < TEXT_LENGTH) {
                out[i + 2] = ':';
            }
        }
        return new String(out);
    }
}
