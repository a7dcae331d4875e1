package org.statefed.it.corosync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Payloads of the real res_corosync capture (test resource captures/asterisk-res_corosync.txt, a copy of
 * shared/captures): the {@code raw:} line that follows the heading {@code ### [n]}.
 */
final class CapturedPayloads {
    private static final String RESOURCE = "/captures/asterisk-res_corosync.txt";

    private CapturedPayloads() {
    }

    static byte[] message(int index) {
        List<String> lines = lines();
        String heading = "### [" + index + "] ";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("### ["); j++) {
                    if (lines.get(j).startsWith("raw: ")) {
                        return HexFormat.of().parseHex(lines.get(j).substring(5));
                    }
                }
            }
        }
        throw new IllegalArgumentException("no message [" + index + "] with a raw line in " + RESOURCE);
    }

    private static List<String> lines() {
        try (InputStream in = CapturedPayloads.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
