package org.statefed.corosync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Property: for any bytes at all the decoder returns a result and never throws or fails internally;
 * whatever it accepts re-encodes to a message of the same length that decodes to the same event.
 * Fixed seeds, so a failure names its input and repeats.
 */
class RandomBytesTest {
    private static final int[] EVENT_CODES = {0x02, 0x05, 0x06, 0x0c, 0x0d, 0x00, 0x01, 0x07, 0xFFFF};
    private static final int[] IE_CODES = {0x0001, 0x0002, 0x0003, 0x0007, 0x0008, 0x0009, 0x0021, 0x002a, 0x003d,
        0x003e, 0x0000, 0x0004, 0x00FF};

    @Test
    void uniformRandomBytesNeverThrow() {
        Random random = new Random(0x5eed_0001L);
        Set<EventRejectReason> seen = EnumSet.noneOf(EventRejectReason.class);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            if (check(bytes) instanceof RejectedEvent rejected) {
                seen.add(rejected.reason());
            }
        }

        // Random bytes rarely get past the frame; the structured test below reaches the rest.
        assertThat(seen).contains(EventRejectReason.TRUNCATED_HEADER, EventRejectReason.LENGTH_MISMATCH);
    }

    @Test
    void mutatedCapturedMessagesNeverThrow() {
        Random random = new Random(0x5eed_0002L);
        List<byte[]> captured = CorosyncCapture.messages().stream().map(CapturedMessage::bytes).toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = captured.get(random.nextInt(captured.size())).clone();
            int kind = random.nextInt(3);
            if (kind == 0) {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            } else if (kind == 1) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 8));
            } else {
                bytes[4 + random.nextInt(bytes.length - 4)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean() && bytes.length >= 4) {
                // Keep the total length right, so the mutation reaches the IEs.
                bytes[2] = (byte) (bytes.length >>> 8);
                bytes[3] = (byte) bytes.length;
            }
            check(bytes);
        }
    }

    @Test
    void randomIeSequencesReachEveryRejectionAndSomeAcceptance() {
        Random random = new Random(0x5eed_0003L);
        Set<EventRejectReason> seen = EnumSet.noneOf(EventRejectReason.class);
        int accepted = 0;
        for (int i = 0; i < 40_000; i++) {
            DecodedEvent decoded = check(randomEvent(random));
            if (decoded instanceof RejectedEvent rejected) {
                seen.add(rejected.reason());
            } else {
                accepted++;
            }
        }

        // Every reason but the frame's (these frames are well formed; the uniform test covers those)
        // and the internal error that must never happen.
        assertThat(seen).as("reasons the random events reached").containsAll(EnumSet.complementOf(EnumSet.of(
                EventRejectReason.TRUNCATED_HEADER, EventRejectReason.LENGTH_MISMATCH, EventRejectReason.INTERNAL_ERROR)));
        assertThat(accepted).as("random events accepted").isGreaterThan(100);
    }

    /** Decodes, checks the properties, returns the result; plain checks, as this runs 80 000 times. */
    private static DecodedEvent check(byte[] bytes) {
        DecodedEvent decoded = EventDecoder.decode(bytes);
        if (decoded == null) {
            fail("no result for " + Arrays.toString(bytes));
        } else if (decoded instanceof RejectedEvent rejected) {
            if (rejected.reason() == EventRejectReason.INTERNAL_ERROR) {
                fail(rejected.detail() + " for " + Arrays.toString(bytes));
            }
        } else {
            CorosyncEvent event = decoded instanceof IgnoredEvent ignored ? ignored.event() : (CorosyncEvent) decoded;
            byte[] encoded = EventEncoder.encode(event);
            if (encoded.length != bytes.length || !decoded.equals(EventDecoder.decode(encoded))) {
                fail(decoded + " from " + Arrays.toString(bytes) + " re-encodes to " + Arrays.toString(encoded));
            }
        }
        return decoded;
    }

    /** A frame with a right total length, mostly Asterisk's IEs, each likely but not sure to be well formed. */
    private static byte[] randomEvent(Random random) {
        int type = random.nextInt(4) == 0 ? EVENT_CODES[random.nextInt(EVENT_CODES.length)]
                : EVENT_CODES[random.nextInt(5)];
        EventType known = EventType.ofCode(type);
        List<byte[]> ies = new ArrayList<>();
        if (known != null && random.nextInt(3) > 0) {
            // Asterisk's own IE list, sometimes one dropped, one duplicated or one foreign added.
            for (IeType ie : known.ies()) {
                if (random.nextInt(20) > 0) {
                    ies.add(randomIe(random, ie.code()));
                }
            }
            if (random.nextInt(20) == 0) {
                ies.add(randomIe(random, IE_CODES[random.nextInt(IE_CODES.length)]));
            }
            if (random.nextInt(10) == 0) {
                ies.add(random.nextInt(ies.size() + 1), randomIe(random, IE_CODES[random.nextInt(IE_CODES.length)]));
            }
        } else {
            for (int n = random.nextInt(6); n > 0; n--) {
                ies.add(randomIe(random, IE_CODES[random.nextInt(IE_CODES.length)]));
            }
        }
        byte[] event = Frames.event(type, ies.toArray(new byte[0][]));
        if (random.nextInt(30) == 0 && event.length > 4) {
            // A cut or an overlong last IE length, keeping the total length right.
            event = Arrays.copyOf(event, event.length - 1 - random.nextInt(Math.min(6, event.length - 4)));
            event[2] = (byte) (event.length >>> 8);
            event[3] = (byte) event.length;
        }
        return event;
    }

    private static byte[] randomIe(Random random, int code) {
        IeType ie = IeType.ofCode(code);
        int wrongLength = random.nextInt(25) == 0 ? random.nextInt(9) : -1;
        if (wrongLength >= 0 || ie == null) {
            byte[] payload = new byte[wrongLength >= 0 ? wrongLength : random.nextInt(9)];
            random.nextBytes(payload);
            return Frames.ie(code, payload);
        }
        return switch (ie.payload()) {
            case UINT -> Frames.uintIe(code, randomNumber(random));
            case EID -> {
                byte[] eid = new byte[6];
                random.nextBytes(eid);
                yield Frames.ie(code, eid);
            }
            case STR -> randomString(random, code);
        };
    }

    private static long randomNumber(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> 0xFFFF_FFFFL;
            case 1 -> 0x8000_0000L + random.nextInt(1000);
            case 2 -> random.nextInt(12);
            case 3 -> random.nextLong() & 0xFFFF_FFFFL;
            default -> random.nextInt(2);
        };
    }

    private static byte[] randomString(Random random, int code) {
        String base = "Custom:" + random.nextInt(100);
        switch (random.nextInt(16)) {
            case 0:
                return Frames.strIe(code, "");
            case 1:
                return Frames.strIe(code, "x".repeat(250 + random.nextInt(10)));
            case 2:
                return Frames.strIe(code, base + (char) random.nextInt(0x20));
            case 3:
                return Frames.strIe(code, base + "@" + random.nextInt(10));
            case 4: {
                byte[] bad = Arrays.copyOf(base.getBytes(StandardCharsets.US_ASCII), base.length() + 1);
                bad[base.length()] = (byte) (0x80 + random.nextInt(0x80));
                return Frames.strIe(code, bad);
            }
            case 5: {
                byte[] nul = base.getBytes(StandardCharsets.US_ASCII);
                nul[random.nextInt(nul.length)] = 0;
                return Frames.strIe(code, nul);
            }
            case 6: {
                byte[] unterminated = Frames.strIe(code, base);
                unterminated[unterminated.length - 1] = 'x';
                return unterminated;
            }
            case 7:
                return Frames.strIe(code, base + "é\uD83D\uDCDE");
            default:
                return Frames.strIe(code, base);
        }
    }
}
