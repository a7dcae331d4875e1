package org.statefed.corosync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** The {@code raw:} bytes of message {@code [n]} of the res_corosync capture (test resource, a copy of shared/captures). */
final class Captured {
    private static final String RESOURCE = "/captures/asterisk-res_corosync.txt";

    private Captured() {
    }

    static String hex(int index) {
        List<String> lines = lines();
        String heading = "### [" + index + "] ";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("### ["); j++) {
                    if (lines.get(j).startsWith("raw: ")) {
                        return lines.get(j).substring(5);
                    }
                }
            }
        }
        throw new IllegalArgumentException("no message [" + index + "] in " + RESOURCE);
    }

    static byte[] bytes(int index) {
        return HexFormat.of().parseHex(hex(index));
    }

    private static List<String> lines() {
        try (InputStream in = Captured.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
