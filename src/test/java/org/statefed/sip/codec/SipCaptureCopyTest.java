package org.statefed.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The test resource is a copy of shared/captures/asterisk-sip-publication.txt plus one origin line naming
 * its sha256; the copy must hash to it, and where the shared directory sits beside the checkout, must not
 * have drifted from it.
 */
class SipCaptureCopyTest {

    @Test
    void copyBelowItsOriginLineHashesToTheSha256ItNames() throws NoSuchAlgorithmException {
        List<String> copy = SipCapture.lines();
        Matcher sha = Pattern.compile("sha256 ([0-9a-f]{64})").matcher(copy.get(0));
        assertThat(sha.find()).as("origin line names a sha256").isTrue();

        String original = String.join("\n", copy.subList(1, copy.size())) + "\n";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(original.getBytes(StandardCharsets.UTF_8));

        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(sha.group(1));
    }

    @Test
    void copyIsTheSharedCaptureBelowItsOriginLine() throws IOException {
        Path shared = Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath().resolveSibling("shared").resolve("captures").resolve("asterisk-sip-publication.txt");
        assumeTrue(Files.isRegularFile(shared),
                "no " + shared + " beside this checkout (as in CI): nothing to compare the copy with");

        List<String> copy = SipCapture.lines();

        assertThat(copy.get(0)).startsWith("# statefed test copy: verbatim below this line from shared/captures/");
        assertThat(copy.subList(1, copy.size())).isEqualTo(Files.readAllLines(shared, StandardCharsets.UTF_8));
    }
}
