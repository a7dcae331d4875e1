package org.statefed.corosync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The test resource is a copy of shared/captures/asterisk-res_corosync.txt plus one origin line; where
 * the shared directory sits beside the checkout (developer machines), the copy must not have drifted.
 */
class CaptureCopyTest {

    @Test
    void copyIsTheSharedCaptureBelowItsOriginLine() throws IOException {
        Path shared = Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath().resolveSibling("shared").resolve("captures").resolve("asterisk-res_corosync.txt");
        assumeTrue(Files.isRegularFile(shared),
                "no " + shared + " beside this checkout (as in CI): nothing to compare the copy with");

        List<String> copy = CorosyncCapture.lines();

        assertThat(copy.get(0)).startsWith("# statefed test copy: verbatim below this line from shared/captures/");
        assertThat(copy.subList(1, copy.size())).isEqualTo(Files.readAllLines(shared, StandardCharsets.UTF_8));
    }
}
