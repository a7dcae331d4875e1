package org.statefed.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.statefed.sip.codec.BodyRejectReason.*;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies no Asterisk writes, each rejected for its own reason, never with an exception. */
class HostileBodiesTest {
    private static final String EID = "\"eid\":\"00:11:22:33:44:01\"";

    static Stream<Arguments> hostileDeviceStateBodies() {
        return Stream.of(
                Arguments.of("empty", "", EMPTY_BODY),
                Arguments.of("whitespace only", "  ", BAD_JSON),
                Arguments.of("not JSON", "type=devicestate", BAD_JSON),
                Arguments.of("truncated", "{\"type\":\"devicestate\",\"device\":\"x\"", BAD_JSON),
                Arguments.of("trailing data", "{\"type\":\"refresh\"," + EID + "}{}", BAD_JSON),
                Arguments.of("duplicate key", "{\"type\":\"refresh\",\"type\":\"devicestate\"," + EID + "}", BAD_JSON),
                Arguments.of("array", "[1,2]", NOT_AN_OBJECT),
                Arguments.of("string", "\"devicestate\"", NOT_AN_OBJECT),
                Arguments.of("no type", "{" + EID + "}", MISSING_FIELD),
                Arguments.of("null type", "{\"type\":null," + EID + "}", MISSING_FIELD),
                Arguments.of("numeric type", "{\"type\":1," + EID + "}", WRONG_FIELD_TYPE),
                Arguments.of("unknown type", "{\"type\":\"presence\"," + EID + "}", UNKNOWN_TYPE),
                Arguments.of("mwi in devicestate", "{\"type\":\"mailboxstate\",\"uniqueid\":\"1@d\",\"old\":0,"
                        + "\"new\":0," + EID + "}", WRONG_PACKAGE),
                Arguments.of("no eid", "{\"type\":\"refresh\"}", MISSING_FIELD),
                Arguments.of("eid not text", "{\"type\":\"refresh\",\"eid\":17}", WRONG_FIELD_TYPE),
                Arguments.of("eid short", "{\"type\":\"refresh\",\"eid\":\"00:11:22:33:44\"}", BAD_EID),
                Arguments.of("eid not hex", "{\"type\":\"refresh\",\"eid\":\"00:11:22:33:44:zz\"}", BAD_EID),
                Arguments.of("no device", "{\"type\":\"devicestate\",\"state\":\"BUSY\",\"cachable\":1," + EID + "}",
                        MISSING_FIELD),
                Arguments.of("no state", "{\"type\":\"devicestate\",\"device\":\"x\",\"cachable\":1," + EID + "}",
                        MISSING_FIELD),
                Arguments.of("no cachable", device("\"x\"", "\"BUSY\"", null), MISSING_FIELD),
                Arguments.of("unknown state", device("\"x\"", "\"SLEEPING\"", "1"), UNKNOWN_STATE),
                Arguments.of("numeric state", device("\"x\"", "7", "1"), WRONG_FIELD_TYPE),
                Arguments.of("empty device", device("\"\"", "\"BUSY\"", "1"), EMPTY_NAME),
                Arguments.of("device numeric", device("12", "\"BUSY\"", "1"), WRONG_FIELD_TYPE),
                Arguments.of("device too long", device("\"" + "d".repeat(257) + "\"", "\"BUSY\"", "1"), OVERSIZED_NAME),
                Arguments.of("device with newline", device("\"x\\nINFO forged\"", "\"BUSY\"", "1"), CONTROL_CHARACTER),
                Arguments.of("device with U+2028", device("\"x\\u2028y\"", "\"BUSY\"", "1"), CONTROL_CHARACTER),
                Arguments.of("cachable 2", device("\"x\"", "\"BUSY\"", "2"), BAD_CACHABLE),
                Arguments.of("cachable true", device("\"x\"", "\"BUSY\"", "true"), WRONG_FIELD_TYPE),
                Arguments.of("cachable string", device("\"x\"", "\"BUSY\"", "\"1\""), WRONG_FIELD_TYPE),
                Arguments.of("cachable fraction", device("\"x\"", "\"BUSY\"", "1.0"), WRONG_FIELD_TYPE),
                Arguments.of("cachable huge", device("\"x\"", "\"BUSY\"", "123456789012345678901234567890"),
                        BAD_CACHABLE),
                Arguments.of("oversized", "{\"type\":\"refresh\"," + EID + ",\"pad\":\"" + "p".repeat(5000) + "\"}",
                        OVERSIZED_BODY));
    }

    static Stream<Arguments> hostileMailboxBodies() {
        return Stream.of(
                Arguments.of("devicestate in mwi", device("\"x\"", "\"BUSY\"", "1"), WRONG_PACKAGE),
                Arguments.of("no uniqueid", "{\"type\":\"mailboxstate\",\"old\":0,\"new\":0," + EID + "}", MISSING_FIELD),
                Arguments.of("no at", mailbox("\"1000\"", "0", "0"), BAD_MAILBOX),
                Arguments.of("empty context", mailbox("\"1000@\"", "0", "0"), BAD_MAILBOX),
                Arguments.of("empty mailbox", mailbox("\"@default\"", "0", "0"), BAD_MAILBOX),
                Arguments.of("two ats", mailbox("\"1000@a@b\"", "0", "0"), BAD_MAILBOX),
                Arguments.of("negative new", mailbox("\"1000@default\"", "0", "-1"), BAD_COUNT),
                Arguments.of("old beyond int", mailbox("\"1000@default\"", "2147483648", "0"), BAD_COUNT),
                Arguments.of("old beyond long", mailbox("\"1000@default\"", "99999999999999999999999", "0"), BAD_COUNT),
                Arguments.of("new as string", mailbox("\"1000@default\"", "0", "\"3\""), WRONG_FIELD_TYPE),
                Arguments.of("new missing", "{\"type\":\"mailboxstate\",\"uniqueid\":\"1@d\",\"old\":0," + EID + "}",
                        MISSING_FIELD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDeviceStateBodies")
    void hostileDeviceStateBodyIsRejectedForItsReason(String name, String body, BodyRejectReason reason) {
        assertRejected(EventPackage.DEVICE_STATE, body.getBytes(StandardCharsets.UTF_8), reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMailboxBodies")
    void hostileMailboxBodyIsRejectedForItsReason(String name, String body, BodyRejectReason reason) {
        assertRejected(EventPackage.MWI, body.getBytes(StandardCharsets.UTF_8), reason);
    }

    @org.junit.jupiter.api.Test
    void invalidUtf8IsRejectedBeforeJsonIsRead() {
        byte[] body = "{\"type\":\"refresh\",\"eid\":\"00:11:22:33:44:01\",\"x\":\"\u00e9\"}"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertRejected(EventPackage.DEVICE_STATE, body, INVALID_UTF8);
    }

    @org.junit.jupiter.api.Test
    void nullBodyIsRejectedAsEmpty() {
        assertRejected(EventPackage.MWI, null, EMPTY_BODY);
    }

    @org.junit.jupiter.api.Test
    void rejectionDetailNeverQuotesTheUntrustedText() {
        DecodedBody decoded = BodyDecoder.decode(EventPackage.DEVICE_STATE,
                device("\"x\"", "\"SECRET-TOKEN\"", "1").getBytes(StandardCharsets.UTF_8));

        assertThat(((RejectedBody) decoded).detail()).doesNotContain("SECRET-TOKEN");
    }

    private static void assertRejected(EventPackage eventPackage, byte[] body, BodyRejectReason reason) {
        DecodedBody decoded = BodyDecoder.decode(eventPackage, body);

        assertThat(decoded).isInstanceOf(RejectedBody.class);
        assertThat(((RejectedBody) decoded).reason()).isEqualTo(reason);
    }

    private static String device(String device, String state, String cachable) {
        return "{\"type\":\"devicestate\",\"device\":" + device + ",\"state\":" + state
                + (cachable == null ? "" : ",\"cachable\":" + cachable) + "," + EID + "}";
    }

    private static String mailbox(String uniqueId, String old, String newCount) {
        return "{\"type\":\"mailboxstate\",\"uniqueid\":" + uniqueId + ",\"old\":" + old + ",\"new\":" + newCount
                + "," + EID + "}";
    }
}
