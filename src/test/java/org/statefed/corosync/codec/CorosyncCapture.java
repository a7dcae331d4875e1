package org.statefed.corosync.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the capture of two real Asterisk res_corosync servers (test resource
 * {@code captures/asterisk-res_corosync.txt}, a copy of shared/captures with its origin in the first
 * line) into its messages and its string-hash annotations, straight from the text.
 */
final class CorosyncCapture {
    static final String RESOURCE = "/captures/asterisk-res_corosync.txt";
    private static final Pattern HEADING = Pattern.compile(
            "^### \\[(\\d+)] \\S+ CPG group \"asterisk\" from nodeid=\\d+ pid=\\d+ \\((\\w+)\\), (\\d+) bytes: (.+)$");
    private static final Pattern RAW = Pattern.compile("^raw: ([0-9a-f]+)$");
    private static final Pattern HASH = Pattern.compile("ast_str_hash\\('([^']*)'\\) = 0x([0-9a-f]{8})");

    private CorosyncCapture() {
    }

    /** Every message in capture order; each heading must be followed by its raw line. */
    static List<CapturedMessage> messages() {
        List<CapturedMessage> messages = new ArrayList<>();
        Matcher pending = null;
        for (String line : lines()) {
            Matcher heading = HEADING.matcher(line);
            Matcher raw = RAW.matcher(line);
            if (heading.matches()) {
                if (pending != null) {
                    throw new IllegalStateException("message [" + pending.group(1) + "] has no raw line");
                }
                pending = heading;
            } else if (raw.matches()) {
                if (pending == null) {
                    throw new IllegalStateException("raw line without a heading: " + line);
                }
                messages.add(new CapturedMessage(Integer.parseInt(pending.group(1)), pending.group(2),
                        Integer.parseInt(pending.group(3)), pending.group(4), raw.group(1)));
                pending = null;
            }
        }
        return List.copyOf(messages);
    }

    /** The message numbered {@code index} in the capture. */
    static CapturedMessage message(int index) {
        return messages().stream().filter(m -> m.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message [" + index + "] in the capture"));
    }

    /** Every distinct (text, hash) the capture annotates, in the order first seen. */
    static List<String[]> hashes() {
        List<String[]> hashes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String line : lines()) {
            Matcher m = HASH.matcher(line);
            while (m.find()) {
                if (!seen.contains(m.group(0))) {
                    seen.add(m.group(0));
                    hashes.add(new String[] {m.group(1), m.group(2)});
                }
            }
        }
        return hashes;
    }

    static List<String> lines() {
        try (InputStream in = CorosyncCapture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read test resource " + RESOURCE, e);
        }
    }
}
