package org.statefed.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The value of {@code alternate_server}: {@code host}, {@code host:port}, or an IPv6 address in brackets,
 * {@code [::1]} or {@code [::1]:5222} (RFC 3986's notation: the brackets say where the address ends and the
 * port begins). A bare IPv6 address is refused rather than guessed at: in {@code ::1:5222} the port cannot be
 * told from the address.
 */
final class AlternateServerSyntax {
    private static final String FORMS = "host, host:port, [IPv6] or [IPv6]:port (port 1-65535), e.g. alternate_server"
            + " = xmpp2.example.com:5222 or alternate_server = [2001:db8::7]:5222";

    private AlternateServerSyntax() {
    }

    /** The address {@code text} names, with {@code defaultPort} if it names none; empty if it is malformed. */
    static Optional<ServerAddress> parse(String text, int defaultPort, int maxHostChars) {
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return Optional.empty();
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
            if (!isIpv6Literal(host)) {
                return Optional.empty();
            }
        } else {
            if (text.indexOf(':') != text.lastIndexOf(':')) {
                return Optional.empty(); // a bare IPv6 address, or worse
            }
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
            if (host.isEmpty() || host.length() > maxHostChars
                    || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                            || c == '[' || c == ']')) {
                return Optional.empty();
            }
        }
        int port = defaultPort;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new ServerAddress(host, port));
    }

    /** What is wrong with {@code text} and the forms that are right. */
    static String mistake(String text) {
        String problem;
        if (!text.startsWith("[") && text.indexOf(':') != text.lastIndexOf(':')) {
            problem = "looks like a bare IPv6 address: put it in brackets, [" + text + "] or [" + text
                    + "]:5222 (a port after a bare IPv6 address cannot be told from it)";
        } else if (text.startsWith("[") && text.indexOf(']') < 0) {
            problem = "has no closing ']' after the IPv6 address";
        } else if (text.startsWith("[")) {
            String inside = text.substring(1, text.indexOf(']'));
            String rest = text.substring(text.indexOf(']') + 1);
            problem = !isIpv6Literal(inside) ? "'" + inside + "' in brackets is not an IPv6 address (brackets are"
                    + " for IPv6 addresses only; write a host name or IPv4 address without them)"
                    : !rest.isEmpty() && !rest.startsWith(":") ? "has '" + rest + "' after ']', where only :port may be"
                    : "has no valid port after ']:'";
        } else {
            problem = "is not a valid host or port";
        }
        return problem + "; must be another address of the XMPP server: " + FORMS;
    }

    /** Only hex digits, colons and dots (an IPv4 tail), at least two colons, and Java agrees: no DNS is asked. */
    private static boolean isIpv6Literal(String text) {
        if (text.chars().filter(c -> c == ':').count() < 2
                || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            InetAddress.getByName(text); // a text with colons is parsed as an IPv6 literal, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
