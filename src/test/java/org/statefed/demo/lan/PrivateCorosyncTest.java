package org.statefed.demo.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateCorosyncTest {
    @TempDir
    Path dir;

    @Test
    void aMissingCorosyncIsOneLineSayingSoAndStartsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path missing = dir.resolve("corosync");

        assertThatThrownBy(() -> PrivateCorosync.start(new PrintStream(out, true, StandardCharsets.UTF_8), missing))
                .isInstanceOf(CorosyncUnavailableException.class)
                .hasMessage("corosync is not installed (no " + missing + "; Debian package corosync)");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing waited for").isEmpty();
    }
}
