package org.statefed.corosync.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class AstStrHashTest {

    @Test
    void workedExamplesOfTheCaptureGiveTheirHashes() {
        assertThat(AstStrHash.of("1000")).isEqualTo(0x7c53ff24);
        assertThat(AstStrHash.of("Custom:x")).isEqualTo(0x1df6c7d4);
    }

    @Test
    void everyHashTheCaptureAnnotatesIsReproduced() {
        List<String[]> hashes = CorosyncCapture.hashes();

        assertThat(hashes).extracting(h -> h[0]).contains("1000", "default", "Custom:x", "Custom:pre", "127.0.0.1");
        for (String[] hash : hashes) {
            assertThat(AstStrHash.of(hash[0])).as("ast_str_hash('%s')", hash[0])
                    .isEqualTo(Integer.parseUnsignedInt(hash[1], 16));
        }
    }

    @Test
    void emptyStringHashesToTheSeed() {
        assertThat(AstStrHash.of("")).isEqualTo(5381);
    }

    @Test
    void bytesAboveAsciiCountAsUnsignedAsInCurrentAsterisk() {
        // 'é' is C3 A9: ((5381 * 33) ^ 0xC3) * 33 ^ 0xA9 = 0x0059628F. Asterisk before 13 xor-ed a
        // sign-extended char (0xFFFFFFC3), which would give a different, negative-then-abs value.
        assertThat(AstStrHash.of("é")).isEqualTo(0x0059628F);
    }

    @Test
    void resultNeverHasTheSignBitSet() {
        // 'Custom:' reaches 0xa2b39756 before the last steps (capture's worked example); long inputs wrap often.
        for (int n = 1; n < 300; n++) {
            assertThat(AstStrHash.of("x".repeat(n))).isNotNegative();
        }
    }

    @Test
    void hashOfASliceIgnoresTheBytesAround() {
        byte[] bytes = "..1000..".getBytes(StandardCharsets.US_ASCII);

        assertThat(AstStrHash.of(bytes, 2, 4)).isEqualTo(0x7c53ff24);
    }
}
