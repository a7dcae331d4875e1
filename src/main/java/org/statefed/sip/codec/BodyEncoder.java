package org.statefed.sip.codec;

import java.nio.charset.StandardCharsets;

import org.statefed.state.EntityId;

/**
 * Writes the bodies exactly as Asterisk does: jansson's compact dump ({@code ast_json_dump_string}), keys
 * in the order {@code res_pjsip_publish_asterisk} packs them, no spaces, integers unquoted, strings escaped
 * as jansson escapes them ({@code \"}, {@code \\}, the short forms of \b \f \n \r \t, other controls as
 * {@code \\u00XX} upper-case; '/' and non-ASCII left as they are, UTF-8).
 */
public final class BodyEncoder {

    private BodyEncoder() {
    }

    public static byte[] encode(PublicationBody body) {
        return text(body).getBytes(StandardCharsets.UTF_8);
    }

    /** The body as text, e.g. {@code {"type":"refresh","eid":"00:11:22:33:44:01"}}. */
    public static String text(PublicationBody body) {
        StringBuilder out = new StringBuilder(128);
        if (body instanceof DeviceStateBody d) {
            out.append("{\"type\":\"devicestate\",\"device\":");
            string(out, d.device());
            out.append(",\"state\":");
            string(out, d.state().token());
            out.append(",\"cachable\":").append(d.cachable() ? 1 : 0);
            eid(out, d.eid());
        } else if (body instanceof MailboxStateBody m) {
            out.append("{\"type\":\"mailboxstate\",\"uniqueid\":");
            string(out, m.uniqueId());
            out.append(",\"old\":").append(m.counts().oldMessages());
            out.append(",\"new\":").append(m.counts().newMessages());
            eid(out, m.eid());
        } else if (body instanceof RefreshBody r) {
            out.append("{\"type\":\"refresh\"");
            eid(out, r.eid());
        } else {
            throw new IllegalArgumentException("unknown body " + body);
        }
        return out.append('}').toString();
    }

    private static void eid(StringBuilder out, EntityId eid) {
        out.append(",\"eid\":");
        string(out, eid.toString());
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
