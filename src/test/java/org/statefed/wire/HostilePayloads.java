package org.statefed.wire;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** Bad payloads, each with the reason it must be rejected for; shared by several tests. */
final class HostilePayloads {
    private static final String NS = "xmlns='http://asterisk.org'";
    private static final String EID = "eid='00:11:22:33:44:01'";

    private HostilePayloads() {
    }

    static String state(String attributes, String content) {
        return "<state " + NS + " " + attributes + ">" + content + "</state>";
    }

    static String mailbox(String content) {
        return "<mailbox " + NS + " " + EID + ">" + content + "</mailbox>";
    }

    static String counts(String newMessages, String oldMessages) {
        return mailbox("<NEWMSGS>" + newMessages + "</NEWMSGS><OLDMSGS>" + oldMessages + "</OLDMSGS>");
    }

    /** (description, payload xml, expected reason). */
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("state without eid", state("cachable='1'", "INUSE"), RejectReason.MISSING_EID),
                arguments("eid only with a prefix", "<state " + NS + " xmlns:x='urn:x' x:eid='00:11:22:33:44:01'>INUSE</state>",
                        RejectReason.MISSING_EID),
                arguments("eid with non-hex bytes", state("eid='zz:11:22:33:44:01'", "INUSE"), RejectReason.MALFORMED_EID),
                arguments("5-byte eid", state("eid='00:11:22:33:44'", "INUSE"), RejectReason.MALFORMED_EID),
                arguments("7-byte eid", state("eid='00:11:22:33:44:01:02'", "INUSE"), RejectReason.MALFORMED_EID),
                arguments("empty eid", state("eid=''", "INUSE"), RejectReason.MALFORMED_EID),
                arguments("eid with spaces", state("eid=' 00:11:22:33:44:01'", "INUSE"), RejectReason.MALFORMED_EID),
                arguments("65-character eid", state("eid='" + "a".repeat(65) + "'", "INUSE"), RejectReason.OVERSIZED),
                arguments("65-character unknown attribute", state(EID + " note='" + "a".repeat(65) + "'", "INUSE"),
                        RejectReason.OVERSIZED),
                arguments("unknown token", state(EID, "FOO"), RejectReason.UNKNOWN_STATE),
                arguments("token with inner space", state(EID, "IN USE"), RejectReason.UNKNOWN_STATE),
                arguments("token padded with no-break spaces", state(EID, "\u00a0INUSE\u00a0"), RejectReason.UNKNOWN_STATE),
                arguments("numeric token", state(EID, "2"), RejectReason.UNKNOWN_STATE),
                arguments("empty state", state(EID, ""), RejectReason.MISSING_STATE),
                arguments("self-closing state", "<state " + NS + " " + EID + "/>", RejectReason.MISSING_STATE),
                arguments("whitespace-only state", state(EID, " \n\t "), RejectReason.MISSING_STATE),
                arguments("child before token", state(EID, "<x/>INUSE"), RejectReason.UNEXPECTED_CHILD),
                arguments("token wrapped in child", state(EID, "<b>INUSE</b>"), RejectReason.UNEXPECTED_CHILD),
                arguments("cachable yes", state(EID + " cachable='yes'", "INUSE"), RejectReason.BAD_CACHABLE),
                arguments("cachable empty", state(EID + " cachable=''", "INUSE"), RejectReason.BAD_CACHABLE),
                arguments("cachable padded", state(EID + " cachable=' 1'", "INUSE"), RejectReason.BAD_CACHABLE),
                arguments("cachable 2", state(EID + " cachable='2'", "INUSE"), RejectReason.BAD_CACHABLE),
                arguments("33-character token", state(EID, "A".repeat(33)), RejectReason.OVERSIZED),
                arguments("10000-character token", state(EID, "A".repeat(10_000)), RejectReason.OVERSIZED),
                arguments("token padded past the text limit", state(EID, " ".repeat(300) + "INUSE"), RejectReason.OVERSIZED),
                arguments("mailbox without eid", "<mailbox " + NS + "><NEWMSGS>1</NEWMSGS><OLDMSGS>2</OLDMSGS></mailbox>",
                        RejectReason.MISSING_EID),
                arguments("mailbox with bad eid", "<mailbox " + NS + " eid='00-11-22-33-44-01'><NEWMSGS>1</NEWMSGS>"
                        + "<OLDMSGS>2</OLDMSGS></mailbox>", RejectReason.MALFORMED_EID),
                arguments("missing NEWMSGS", mailbox("<OLDMSGS>5</OLDMSGS>"), RejectReason.MISSING_COUNT),
                arguments("missing OLDMSGS", mailbox("<NEWMSGS>3</NEWMSGS>"), RejectReason.MISSING_COUNT),
                arguments("no counts at all", mailbox(""), RejectReason.MISSING_COUNT),
                arguments("empty NEWMSGS", mailbox("<NEWMSGS/><OLDMSGS>5</OLDMSGS>"), RejectReason.MISSING_COUNT),
                arguments("whitespace-only OLDMSGS", counts("3", "  "), RejectReason.MISSING_COUNT),
                arguments("NEWMSGS twice", mailbox("<NEWMSGS>3</NEWMSGS><NEWMSGS>4</NEWMSGS><OLDMSGS>5</OLDMSGS>"),
                        RejectReason.UNEXPECTED_CHILD),
                arguments("OLDMSGS twice", mailbox("<NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS><OLDMSGS>5</OLDMSGS>"),
                        RejectReason.UNEXPECTED_CHILD),
                arguments("negative count", counts("-1", "5"), RejectReason.BAD_COUNT),
                arguments("signed count", counts("+3", "5"), RejectReason.BAD_COUNT),
                arguments("letters for a count", counts("abc", "5"), RejectReason.BAD_COUNT),
                arguments("digits then letters", counts("3abc", "5"), RejectReason.BAD_COUNT),
                arguments("non-ASCII digits", counts("\u0663", "5"), RejectReason.BAD_COUNT),
                arguments("10-digit count above int range", counts("3", "2147483648"), RejectReason.BAD_COUNT),
                arguments("11-digit count", counts("99999999999", "5"), RejectReason.OVERSIZED),
                arguments("10000-digit count", counts("9".repeat(10_000), "5"), RejectReason.OVERSIZED),
                arguments("unknown child", mailbox("<NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS><URGENT>1</URGENT>"),
                        RejectReason.UNEXPECTED_CHILD),
                arguments("lower-case count name", mailbox("<newmsgs>3</newmsgs><OLDMSGS>5</OLDMSGS>"),
                        RejectReason.UNEXPECTED_CHILD),
                arguments("count in a foreign namespace", mailbox("<NEWMSGS xmlns='urn:evil'>3</NEWMSGS><OLDMSGS>5</OLDMSGS>"),
                        RejectReason.UNEXPECTED_CHILD),
                arguments("element inside a count", mailbox("<NEWMSGS><b/>3</NEWMSGS><OLDMSGS>5</OLDMSGS>"),
                        RejectReason.UNEXPECTED_CHILD),
                arguments("text inside mailbox", mailbox("hello<NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS>"),
                        RejectReason.UNEXPECTED_TEXT),
                arguments("text between counts", mailbox("<NEWMSGS>3</NEWMSGS>,<OLDMSGS>5</OLDMSGS>"),
                        RejectReason.UNEXPECTED_TEXT));
    }
}
