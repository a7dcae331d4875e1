package org.statefed.corosync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.statefed.corosync.codec.Frames.CACHABLE;
import static org.statefed.corosync.codec.Frames.CLUSTER_DISCOVERY;
import static org.statefed.corosync.codec.Frames.CONTEXT;
import static org.statefed.corosync.codec.Frames.DEVICE;
import static org.statefed.corosync.codec.Frames.DEVICE_STATE;
import static org.statefed.corosync.codec.Frames.DEVICE_STATE_CHANGE;
import static org.statefed.corosync.codec.Frames.EID;
import static org.statefed.corosync.codec.Frames.EID_A1;
import static org.statefed.corosync.codec.Frames.LOCAL_ADDR;
import static org.statefed.corosync.codec.Frames.MAILBOX;
import static org.statefed.corosync.codec.Frames.MWI;
import static org.statefed.corosync.codec.Frames.NEWMSGS;
import static org.statefed.corosync.codec.Frames.NODE_ID;
import static org.statefed.corosync.codec.Frames.OLDMSGS;
import static org.statefed.corosync.codec.Frames.PING;
import static org.statefed.corosync.codec.Frames.STATE;
import static org.statefed.corosync.codec.Frames.bytes;
import static org.statefed.corosync.codec.Frames.concat;
import static org.statefed.corosync.codec.Frames.deviceStateChange;
import static org.statefed.corosync.codec.Frames.eidIe;
import static org.statefed.corosync.codec.Frames.event;
import static org.statefed.corosync.codec.Frames.eventDeclaring;
import static org.statefed.corosync.codec.Frames.ie;
import static org.statefed.corosync.codec.Frames.mwi;
import static org.statefed.corosync.codec.Frames.strIe;
import static org.statefed.corosync.codec.Frames.uintIe;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes that are not a usable res_corosync event, each with the one reason it must be rejected for.
 * Each case changes one thing in a message that is otherwise Asterisk's own (see
 * {@link #theUnspoiledMessagesTheCasesStartFromAreAccepted()}).
 */
class HostileEventsTest {
    private static final byte[] PING_A1 = CorosyncCapture.message(21).bytes();

    /** (description, bytes, reason). */
    static Stream<Arguments> hostile() {
        return Stream.of(
                // The frame.
                arguments("no bytes at all (null)", null, EventRejectReason.TRUNCATED_HEADER),
                arguments("zero bytes", new byte[0], EventRejectReason.TRUNCATED_HEADER),
                arguments("three bytes", bytes(0x00, 0x0c, 0x00), EventRejectReason.TRUNCATED_HEADER),
                arguments("ping cut by one byte", Arrays.copyOf(PING_A1, PING_A1.length - 1),
                        EventRejectReason.LENGTH_MISMATCH),
                arguments("ping with a trailing byte", Arrays.copyOf(PING_A1, PING_A1.length + 1),
                        EventRejectReason.LENGTH_MISMATCH),
                arguments("total length one too large", eventDeclaring(15, PING, eidIe()), EventRejectReason.LENGTH_MISMATCH),
                arguments("total length zero", eventDeclaring(0, PING, eidIe()), EventRejectReason.LENGTH_MISMATCH),
                arguments("70000 bytes (more than 16 bits can declare)",
                        concat(eventDeclaring(0xFFFF, PING, eidIe()), new byte[70_000 - 14]),
                        EventRejectReason.LENGTH_MISMATCH),
                arguments("event type 0", event(0x00, eidIe()), EventRejectReason.UNKNOWN_EVENT_TYPE),
                arguments("event type 0x01 (AST_EVENT_CUSTOM)", event(0x01, eidIe()), EventRejectReason.UNKNOWN_EVENT_TYPE),
                arguments("event type 0xffff", event(0xFFFF, eidIe()), EventRejectReason.UNKNOWN_EVENT_TYPE),
                // IE structure.
                arguments("two stray bytes after the EID", event(PING, eidIe(), bytes(0x00, 0x21)),
                        EventRejectReason.TRUNCATED_IE),
                arguments("EID claiming 7 bytes with 6 left", event(PING, concat(bytes(0x00, 0x21, 0x00, 0x07), EID_A1)),
                        EventRejectReason.IE_OVERRUN),
                arguments("IE claiming 65535 bytes", event(PING, bytes(0x00, 0x21, 0xFF, 0xFF), EID_A1),
                        EventRejectReason.IE_OVERRUN),
                arguments("unknown IE 0x0099 in a device state change",
                        event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"), uintIe(STATE, 2), uintIe(0x0099, 0),
                                uintIe(CACHABLE, 1), eidIe()),
                        EventRejectReason.UNKNOWN_IE),
                arguments("unknown IE 0x0000 in a ping", event(PING, ie(0x0000, new byte[0]), eidIe()),
                        EventRejectReason.UNKNOWN_IE),
                arguments("MAILBOX in a ping", event(PING, strIe(MAILBOX, "1000"), eidIe()), EventRejectReason.UNEXPECTED_IE),
                arguments("NODE_ID in a device state change",
                        event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"), uintIe(STATE, 2), uintIe(CACHABLE, 1),
                                uintIe(NODE_ID, 1), eidIe()),
                        EventRejectReason.UNEXPECTED_IE),
                arguments("EID twice", event(PING, eidIe(), eidIe()), EventRejectReason.DUPLICATE_IE),
                arguments("DEVICE twice", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"), strIe(DEVICE, "Custom:y"),
                        uintIe(STATE, 2), uintIe(CACHABLE, 1), eidIe()), EventRejectReason.DUPLICATE_IE),
                arguments("5-byte EID", event(PING, ie(EID, Arrays.copyOf(EID_A1, 5))), EventRejectReason.BAD_IE_LENGTH),
                arguments("7-byte EID", event(PING, ie(EID, Arrays.copyOf(EID_A1, 7))), EventRejectReason.BAD_IE_LENGTH),
                arguments("zero-length EID", event(PING, ie(EID, new byte[0])), EventRejectReason.BAD_IE_LENGTH),
                arguments("2-byte STATE", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"), ie(STATE, bytes(0, 2)),
                        uintIe(CACHABLE, 1), eidIe()), EventRejectReason.BAD_IE_LENGTH),
                arguments("zero-length STATE", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"), ie(STATE, new byte[0]),
                        uintIe(CACHABLE, 1), eidIe()), EventRejectReason.BAD_IE_LENGTH),
                arguments("8-byte NEWMSGS", event(MWI, strIe(MAILBOX, "1000"), strIe(CONTEXT, "default"),
                        ie(NEWMSGS, new byte[8]), uintIe(OLDMSGS, 1), eidIe()), EventRejectReason.BAD_IE_LENGTH),
                arguments("DEVICE with a hash and nothing else", deviceStateChange(ie(DEVICE, new byte[4])),
                        EventRejectReason.BAD_IE_LENGTH),
                arguments("zero-length DEVICE", deviceStateChange(ie(DEVICE, new byte[0])), EventRejectReason.BAD_IE_LENGTH),
                // Missing IEs.
                arguments("ping without IEs", event(PING), EventRejectReason.MISSING_EID),
                arguments("device state change without EID", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"),
                        uintIe(STATE, 2), uintIe(CACHABLE, 1)), EventRejectReason.MISSING_EID),
                arguments("device state change without STATE", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"),
                        uintIe(CACHABLE, 1), eidIe()), EventRejectReason.MISSING_IE),
                arguments("device state change without CACHABLE", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"),
                        uintIe(STATE, 2), eidIe()), EventRejectReason.MISSING_IE),
                arguments("device state change without DEVICE", event(DEVICE_STATE_CHANGE, uintIe(STATE, 2),
                        uintIe(CACHABLE, 1), eidIe()), EventRejectReason.MISSING_IE),
                arguments("MWI without OLDMSGS", event(MWI, strIe(MAILBOX, "1000"), strIe(CONTEXT, "default"),
                        uintIe(NEWMSGS, 2), eidIe()), EventRejectReason.MISSING_IE),
                arguments("MWI without CONTEXT", event(MWI, strIe(MAILBOX, "1000"), uintIe(NEWMSGS, 2),
                        uintIe(OLDMSGS, 1), eidIe()), EventRejectReason.MISSING_IE),
                arguments("cluster discovery without NODE_ID", event(CLUSTER_DISCOVERY, strIe(LOCAL_ADDR, "127.0.0.1"),
                        eidIe()), EventRejectReason.MISSING_IE),
                // Strings.
                arguments("DEVICE without its NUL", deviceStateChange(ie(DEVICE, concat(new byte[4], bytes('C', 'x')))),
                        EventRejectReason.UNTERMINATED_STRING),
                arguments("DEVICE with a NUL inside", deviceStateChange(strIe(DEVICE, bytes('C', 0, 'x'))),
                        EventRejectReason.EMBEDDED_NUL),
                arguments("DEVICE with byte 0xff", deviceStateChange(strIe(DEVICE, bytes('C', 0xFF))),
                        EventRejectReason.INVALID_UTF8),
                arguments("DEVICE with an overlong '/'", deviceStateChange(strIe(DEVICE, bytes('C', 0xC0, 0xAF))),
                        EventRejectReason.INVALID_UTF8),
                arguments("DEVICE with an encoded surrogate", deviceStateChange(strIe(DEVICE, bytes('C', 0xED, 0xA0, 0x80))),
                        EventRejectReason.INVALID_UTF8),
                arguments("DEVICE ending in half a character", deviceStateChange(strIe(DEVICE, bytes('C', 0xC3))),
                        EventRejectReason.INVALID_UTF8),
                arguments("MAILBOX in Latin-1", mwi(strIe(MAILBOX, bytes('m', 0xE9)), strIe(CONTEXT, "default")),
                        EventRejectReason.INVALID_UTF8),
                arguments("empty DEVICE", deviceStateChange(strIe(DEVICE, "")), EventRejectReason.EMPTY_NAME),
                arguments("empty MAILBOX", mwi(strIe(MAILBOX, ""), strIe(CONTEXT, "default")), EventRejectReason.EMPTY_NAME),
                arguments("empty CONTEXT", mwi(strIe(MAILBOX, "1000"), strIe(CONTEXT, "")), EventRejectReason.EMPTY_NAME),
                arguments("empty LOCAL_ADDR", event(CLUSTER_DISCOVERY, uintIe(NODE_ID, 1), strIe(LOCAL_ADDR, ""), eidIe()),
                        EventRejectReason.EMPTY_NAME),
                arguments("257-character DEVICE", deviceStateChange(strIe(DEVICE, "D".repeat(257))),
                        EventRejectReason.OVERSIZED_NAME),
                arguments("mailbox@context of 257 characters",
                        mwi(strIe(MAILBOX, "1".repeat(128)), strIe(CONTEXT, "c".repeat(128))),
                        EventRejectReason.OVERSIZED_NAME),
                arguments("DEVICE with a line feed", deviceStateChange(strIe(DEVICE, "Custom:x\nFAKE LOG LINE")),
                        EventRejectReason.CONTROL_CHARACTER),
                arguments("DEVICE with BEL", deviceStateChange(strIe(DEVICE, "Custom:\u0007")),
                        EventRejectReason.CONTROL_CHARACTER),
                arguments("DEVICE with DEL", deviceStateChange(strIe(DEVICE, "Custom:\u007f")),
                        EventRejectReason.CONTROL_CHARACTER),
                arguments("DEVICE with NEL (C1)", deviceStateChange(strIe(DEVICE, "Custom:\u0085")),
                        EventRejectReason.CONTROL_CHARACTER),
                arguments("DEVICE with a line separator", deviceStateChange(strIe(DEVICE, "Custom:\u2028")),
                        EventRejectReason.CONTROL_CHARACTER),
                arguments("LOCAL_ADDR with a carriage return",
                        event(CLUSTER_DISCOVERY, uintIe(NODE_ID, 1), strIe(LOCAL_ADDR, "127.0.0.1\r"), eidIe()),
                        EventRejectReason.CONTROL_CHARACTER),
                arguments("MAILBOX with '@'", mwi(strIe(MAILBOX, "1000@other"), strIe(CONTEXT, "default")),
                        EventRejectReason.BAD_MAILBOX),
                arguments("CONTEXT with '@'", mwi(strIe(MAILBOX, "1000"), strIe(CONTEXT, "def@ult")),
                        EventRejectReason.BAD_MAILBOX),
                // Numbers.
                arguments("state 9", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"), uintIe(STATE, 9),
                        uintIe(CACHABLE, 1), eidIe()), EventRejectReason.UNKNOWN_STATE),
                arguments("state 0xffffffff (-1 in C)", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"),
                        uintIe(STATE, 0xFFFF_FFFFL), uintIe(CACHABLE, 1), eidIe()), EventRejectReason.UNKNOWN_STATE),
                arguments("aggregate with state 9: strict even though ignored", event(DEVICE_STATE,
                        strIe(DEVICE, "Custom:x"), uintIe(STATE, 9), uintIe(CACHABLE, 1), eidIe()),
                        EventRejectReason.UNKNOWN_STATE),
                arguments("cachable 2", event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"), uintIe(STATE, 2),
                        uintIe(CACHABLE, 2), eidIe()), EventRejectReason.BAD_CACHABLE),
                arguments("2^31 new messages", event(MWI, strIe(MAILBOX, "1000"), strIe(CONTEXT, "default"),
                        uintIe(NEWMSGS, 0x8000_0000L), uintIe(OLDMSGS, 1), eidIe()), EventRejectReason.BAD_COUNT),
                arguments("2^32-1 old messages", event(MWI, strIe(MAILBOX, "1000"), strIe(CONTEXT, "default"),
                        uintIe(NEWMSGS, 2), uintIe(OLDMSGS, 0xFFFF_FFFFL), eidIe()), EventRejectReason.BAD_COUNT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileBytesAreRejectedForTheirReason(String description, byte[] bytes, EventRejectReason reason) {
        DecodedEvent decoded = EventDecoder.decode(bytes);

        assertThat(decoded).isInstanceOf(RejectedEvent.class);
        assertThat(((RejectedEvent) decoded).reason()).as(((RejectedEvent) decoded).detail()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void rejectionDetailsNeverCarryTheUntrustedText(String description, byte[] bytes, EventRejectReason reason) {
        RejectedEvent rejected = (RejectedEvent) EventDecoder.decode(bytes);

        assertThat(rejected.detail()).doesNotContain("FAKE LOG LINE", "\n", "\r", "1000@other", "def@ult")
                .hasSizeLessThan(200);
    }

    @Test
    void theUnspoiledMessagesTheCasesStartFromAreAccepted() {
        assertThat(Frames.event(PING, eidIe())).isEqualTo(PING_A1);
        assertThat(deviceStateChange(strIe(DEVICE, "Custom:x"))).isEqualTo(CorosyncCapture.message(15).bytes());
        assertThat(mwi(strIe(MAILBOX, "1000"), strIe(CONTEXT, "default"))).isEqualTo(CorosyncCapture.message(4).bytes());
        assertThat(EventDecoder.decode(event(CLUSTER_DISCOVERY, uintIe(NODE_ID, 1), strIe(LOCAL_ADDR, "127.0.0.1"),
                eidIe()))).isInstanceOf(ClusterDiscovery.class);
        assertThat(EventDecoder.decode(deviceStateChange(strIe(DEVICE, "D".repeat(256))))).isInstanceOf(DeviceStateChange.class);
        assertThat(EventDecoder.decode(mwi(strIe(MAILBOX, "1".repeat(127)), strIe(CONTEXT, "c".repeat(128)))))
                .isInstanceOf(MwiUpdate.class);
        assertThat(EventDecoder.decode(event(MWI, strIe(MAILBOX, "1000"), strIe(CONTEXT, "default"),
                uintIe(NEWMSGS, Integer.MAX_VALUE), uintIe(OLDMSGS, Integer.MAX_VALUE), eidIe())))
                .isInstanceOf(MwiUpdate.class);
        assertThat(EventDecoder.decode(event(DEVICE_STATE_CHANGE, strIe(DEVICE, "Custom:x"), uintIe(STATE, 8),
                uintIe(CACHABLE, 0), eidIe()))).isInstanceOf(DeviceStateChange.class);
    }
}
