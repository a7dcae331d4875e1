package org.statefed.sip.codec;

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
 * Reads the capture of two real Asterisk servers exchanging res_pjsip_publish_asterisk PUBLISHes (test
 * resource {@code captures/asterisk-sip-publication.txt}, a copy of shared/captures with its origin in the
 * first line) into its datagrams, straight from the text: each datagram is its lines joined by CRLF; the
 * blank line that separates it from the next heading is not part of it, except for the CRLF that ends the
 * header block of a message without a body (the heading's byte count says which).
 */
public final class SipCapture {
    public static final String RESOURCE = "/captures/asterisk-sip-publication.txt";
    private static final Pattern HEADING = Pattern.compile(
            "^### \\[(\\d+)] \\S+ (a\\d)\\(([\\d.]+):(\\d+)\\) -> (a\\d)\\(([\\d.]+):(\\d+)\\) UDP, (\\d+) bytes"
                    + "(?:  RETRANSMISSION of \\[(\\d+)])?$");

    private SipCapture() {
    }

    /** One UDP datagram of the capture. */
    public record Datagram(int index, String sender, int sourcePort, String receiver, int destinationPort,
            int declaredBytes, Integer retransmissionOf, String text) {

        public byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        public boolean isRequest() {
            return text.startsWith("PUBLISH ");
        }

        /** The value of the first header with this name (case-insensitive), or null. */
        public String header(String name) {
            for (String line : headerBlock().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        public String headerBlock() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        /** The body (after the empty line), empty when there is none. */
        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }

        public int statusCode() {
            return isRequest() ? 0 : Integer.parseInt(text.substring(8, 11));
        }

        @Override
        public String toString() {
            return "[" + index + "] " + sender + "->" + receiver + " " + text.substring(0, text.indexOf("\r\n"));
        }
    }

    public static List<Datagram> datagrams() {
        List<Datagram> datagrams = new ArrayList<>();
        Matcher heading = null;
        List<String> lines = new ArrayList<>();
        for (String line : lines()) {
            Matcher next = HEADING.matcher(line);
            boolean boundary = next.matches() || line.startsWith("## ");
            if (boundary && heading != null) {
                datagrams.add(datagram(heading, lines));
                heading = null;
            }
            if (next.matches()) {
                heading = next;
                lines = new ArrayList<>();
            } else if (heading != null) {
                lines.add(line);
            }
        }
        if (heading != null) {
            datagrams.add(datagram(heading, lines));
        }
        return List.copyOf(datagrams);
    }

    public static Datagram datagram(int index) {
        return datagrams().stream().filter(d -> d.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no datagram [" + index + "] in the capture"));
    }

    private static Datagram datagram(Matcher heading, List<String> lines) {
        List<String> kept = new ArrayList<>(lines);
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
            kept.remove(kept.size() - 1);
        }
        String text = String.join("\r\n", kept);
        int declared = Integer.parseInt(heading.group(8));
        if (!text.contains("\r\n\r\n")) {
            text += "\r\n\r\n";
        }
        return new Datagram(Integer.parseInt(heading.group(1)), heading.group(2), Integer.parseInt(heading.group(4)),
                heading.group(5), Integer.parseInt(heading.group(7)), declared,
                heading.group(9) == null ? null : Integer.valueOf(heading.group(9)), text);
    }

    public static List<String> lines() {
        try (InputStream in = SipCapture.class.getResourceAsStream(RESOURCE)) {
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
