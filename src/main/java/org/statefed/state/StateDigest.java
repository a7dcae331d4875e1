package org.statefed.state;

/**
 * A summary of what one site reports: how many device and mailbox entries, and an order-independent
 * 64-bit sum of their hashes. Two sites holding the same entries for a site compute the same digest, so
 * a restarted site can tell its peers what it already has and spare them a full republish. The hash is
 * defined here (FNV-1a over the UTF-16 units, then a 64-bit mix), never by {@code hashCode()}, so every
 * statefed version and JVM agrees.
 *
 * @param count number of entries
 * @param sum sum of the entries' hashes
 */
public record StateDigest(int count, long sum) {
    public static final StateDigest EMPTY = new StateDigest(0, 0);

    public StateDigest {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    /** This digest with one device entry added. */
    public StateDigest withDevice(String device, DeviceState state, boolean cachable) {
        long h = fnv(fnv(FNV_OFFSET, 'D'), device);
        h = mix(h ^ (state.ordinal() * 0x9E37_79B9_7F4A_7C15L) ^ (cachable ? 1 : 0));
        return new StateDigest(count + 1, sum + h);
    }

    /** This digest with one mailbox entry added. */
    public StateDigest withMailbox(String mailbox, MwiCounts counts) {
        long h = fnv(fnv(FNV_OFFSET, 'M'), mailbox);
        h = mix(h ^ ((long) counts.newMessages() << 32 | (counts.oldMessages() & 0xFFFF_FFFFL)));
        return new StateDigest(count + 1, sum + h);
    }

    private static final long FNV_OFFSET = 0xCBF2_9CE4_8422_2325L;
    private static final long FNV_PRIME = 0x0000_0100_0000_01B3L;

    private static long fnv(long h, char c) {
        return (h ^ c) * FNV_PRIME;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = fnv(h, s.charAt(i));
        }
        return h;
    }

    /** splitmix64's finaliser: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
