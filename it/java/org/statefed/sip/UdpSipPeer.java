package org.statefed.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays an Asterisk server on a raw UDP socket: replays captured PUBLISHes (addresses, branch, SIP-If-Match
 * and Authorization rewritten for this run) and answers the PUBLISHes statefed sends it, the way the
 * capture shows pjsip answering. No SIP stack: what statefed sends is read as the text it is.
 */
final class UdpSipPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress statefed;
    private final Set<String> seenBranches = new HashSet<>();

    UdpSipPeer(int statefedPort) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        statefed = new InetSocketAddress(InetAddress.getLoopbackAddress(), statefedPort);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** A port free for both UDP and TCP on the loopback address, for statefed's bind. */
    static int freeUdpAndTcpPort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IOException("no port free for both UDP and TCP on loopback");
    }

    /** Sends one message text (CRLF line ends) to statefed. */
    void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, statefed));
    }

    /**
     * A captured a2 -> a1 PUBLISH rewritten for this run: addresses, a fresh branch, the given SIP-If-Match
     * (null: none) and, if {@code challenge} is given, an Authorization computed for it.
     */
    String rewrite(String captured, String ifMatch, String[] challenge, String user, String password) {
        String text = captured.replace("127.0.0.1:5061", "127.0.0.1:" + statefed.getPort())
                .replace("SIP/2.0/UDP 127.0.0.1:5062", "SIP/2.0/UDP 127.0.0.1:" + port())
                .replaceAll("branch=z9hG4bK[^;\\r\\n]+", "branch=z9hG4bKPj" + UUID.randomUUID());
        text = text.replaceAll("SIP-If-Match: [^\\r\\n]*\\r\\n", "")
                .replaceAll("Authorization: [^\\r\\n]*\\r\\n", "");
        String extra = "";
        if (ifMatch != null) {
            extra += "SIP-If-Match: " + ifMatch + "\r\n";
        }
        if (challenge != null) {
            String uri = "sip:a2@127.0.0.1:" + statefed.getPort();
            String cnonce = UUID.randomUUID().toString().replace("-", "");
            String ha1 = md5(user + ":" + challenge[0] + ":" + password);
            String ha2 = md5("PUBLISH:" + uri);
            String response = md5(ha1 + ":" + challenge[1] + ":00000001:" + cnonce + ":auth:" + ha2);
            extra += "Authorization: Digest username=\"" + user + "\", realm=\"" + challenge[0] + "\", nonce=\""
                    + challenge[1] + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, cnonce=\""
                    + cnonce + "\", opaque=\"" + challenge[2] + "\", qop=auth, nc=00000001\r\n";
        }
        return text.replaceFirst("(Expires: [^\\r\\n]*\\r\\n)", "$1" + Matcher.quoteReplacement(extra));
    }

    /** The next message statefed sends that is not a retransmission, or an AssertionError after {@code timeout}. */
    String receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[65_535];
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (System.nanoTime() > deadline) {
                throw new AssertionError("statefed sent nothing new within " + timeout);
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            String key = header(text, "Via") + " " + text.substring(0, text.indexOf("\r\n"));
            if (seenBranches.add(key)) {
                return text;
            }
        }
    }

    /** Answers a request statefed sent, copying what pjsip copies; {@code extra} are whole header lines. */
    void answer(String request, int status, String reason, String... extra) throws IOException {
        StringBuilder out = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String name : new String[] {"Via", "Call-ID", "From", "To", "CSeq"}) {
            String value = header(request, name);
            if (name.equals("To")) {
                value += ";tag=" + UUID.randomUUID();
            }
            out.append(name).append(": ").append(value).append("\r\n");
        }
        for (String line : extra) {
            out.append(line).append("\r\n");
        }
        out.append("Server: Asterisk PBX GIT-master-f0c1c1a7\r\nContent-Length:  0\r\n\r\n");
        send(out.toString());
    }

    static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\r?$").matcher(headerBlock(message));
        return m.find() ? m.group(1) : null;
    }

    static String headerBlock(String message) {
        int end = message.indexOf("\r\n\r\n");
        return end < 0 ? message : message.substring(0, end);
    }

    static String body(String message) {
        int end = message.indexOf("\r\n\r\n");
        return end < 0 ? "" : message.substring(end + 4);
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    /** realm, nonce, opaque of a WWW-Authenticate header. */
    static String[] challenge(String response) {
        String header = header(response, "WWW-Authenticate");
        return new String[] {param(header, "realm"), param(header, "nonce"), param(header, "opaque")};
    }

    static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]*)\"?").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
