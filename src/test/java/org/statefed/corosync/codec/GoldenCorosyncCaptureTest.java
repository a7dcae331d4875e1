package org.statefed.corosync.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * Every message two real Asterisk servers exchanged over res_corosync. The expectations come from the
 * capture's own one-line decode of each message (Asterisk's names and numbers), never from our decoder.
 */
class GoldenCorosyncCaptureTest {
    private static final Pattern DEVICE = Pattern.compile("Device=\"([^\"]*)\"");
    private static final Pattern STATE = Pattern.compile("State=(\\d+)/AST_DEVICE_([A-Z_]+)");
    private static final Pattern CACHABLE = Pattern.compile("Cachable=(\\d)/AST_DEVSTATE_(NOT_)?CACHABLE");
    private static final Pattern MAILBOX = Pattern.compile("Mailbox=\"([^\"]*)\"");
    private static final Pattern CONTEXT = Pattern.compile("Context=\"([^\"]*)\"");
    private static final Pattern NEW = Pattern.compile("NewMessages=(\\d+)");
    private static final Pattern OLD = Pattern.compile("OldMessages=(\\d+)");
    private static final Pattern NODE_ID = Pattern.compile("NodeID=(\\d+)");
    private static final Pattern LOCAL_ADDR = Pattern.compile("LocalAddress=\"([^\"]*)\"");
    private static final Pattern EID = Pattern.compile("EID=([0-9a-f:]{17})");

    static Stream<CapturedMessage> capturedMessages() {
        return CorosyncCapture.messages().stream();
    }

    @ParameterizedTest
    @MethodSource("capturedMessages")
    void everyCapturedMessageDecodesToWhatTheCaptureSaysItIs(CapturedMessage message) {
        CorosyncEvent expected = expectedEvent(message.decodeLine());

        DecodedEvent decoded = EventDecoder.decode(message.bytes());

        if (expected instanceof DeviceStateAggregate) {
            assertThat(decoded).isInstanceOf(IgnoredEvent.class);
            assertThat(((IgnoredEvent) decoded).event()).isEqualTo(expected);
        } else {
            assertThat(decoded).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("capturedMessages")
    void everyCapturedMessageReEncodesByteForByte(CapturedMessage message) {
        DecodedEvent decoded = EventDecoder.decode(message.bytes());
        CorosyncEvent event = decoded instanceof IgnoredEvent ignored ? ignored.event() : (CorosyncEvent) decoded;

        assertThat(HexFormat.of().formatHex(EventEncoder.encode(event))).isEqualTo(message.hex());
    }

    @ParameterizedTest
    @MethodSource("capturedMessages")
    void everyCapturedMessageIsAsLongAsItsHeadingSays(CapturedMessage message) {
        assertThat(message.bytes()).hasSize(message.declaredBytes());
    }

    @Test
    void captureHoldsEveryMessageOfBothServersAndEveryEventType() {
        List<CapturedMessage> messages = CorosyncCapture.messages();

        assertThat(messages).extracting(CapturedMessage::index)
                .containsExactlyElementsOf(Stream.iterate(1, i -> i + 1).limit(25).collect(Collectors.toList()));
        assertThat(messages).extracting(CapturedMessage::sender).contains("a1", "a2");
        assertThat(messages).extracting(m -> m.decodeLine().substring(0, m.decodeLine().indexOf(',')))
                .containsOnly("AST_EVENT_MWI", "AST_EVENT_DEVICE_STATE", "AST_EVENT_DEVICE_STATE_CHANGE",
                        "AST_EVENT_PING", "AST_EVENT_CLUSTER_DISCOVERY")
                .contains("AST_EVENT_MWI", "AST_EVENT_DEVICE_STATE", "AST_EVENT_DEVICE_STATE_CHANGE",
                        "AST_EVENT_PING", "AST_EVENT_CLUSTER_DISCOVERY");
    }

    @Test
    void theAggregateDeviceStateDecodesAsIgnoredNotAsAChange() {
        DecodedEvent decoded = EventDecoder.decode(CorosyncCapture.message(2).bytes());

        assertThat(decoded).isEqualTo(new IgnoredEvent(new DeviceStateAggregate("Custom:pre", DeviceState.BUSY, true,
                EntityId.parse("00:11:22:33:44:01")), "res_corosync has no handler for AST_EVENT_DEVICE_STATE (0x05)"));
    }

    @Test
    void theCapturedMwiIsMailbox1000AtDefaultAsStatefedNamesIt() {
        MwiUpdate mwi = (MwiUpdate) EventDecoder.decode(CorosyncCapture.message(17).bytes());

        assertThat(mwi.mailboxId()).isEqualTo("1000@default");
        assertThat(mwi.counts()).isEqualTo(new MwiCounts(3, 5));
    }

    /** The event the capture's decode line describes, built from Asterisk's text alone. */
    static CorosyncEvent expectedEvent(String line) {
        String type = line.substring(0, line.indexOf(','));
        EntityId eid = EntityId.parse(group(EID, line, 1));
        switch (type) {
            case "AST_EVENT_DEVICE_STATE_CHANGE":
                return new DeviceStateChange(group(DEVICE, line, 1), state(line), cachable(line), eid);
            case "AST_EVENT_DEVICE_STATE":
                return new DeviceStateAggregate(group(DEVICE, line, 1), state(line), cachable(line), eid);
            case "AST_EVENT_MWI":
                return new MwiUpdate(group(MAILBOX, line, 1), group(CONTEXT, line, 1), new MwiCounts(
                        Integer.parseInt(group(NEW, line, 1)), Integer.parseInt(group(OLD, line, 1))), eid);
            case "AST_EVENT_PING":
                return new Ping(eid);
            case "AST_EVENT_CLUSTER_DISCOVERY":
                return new ClusterDiscovery(Long.parseLong(group(NODE_ID, line, 1)), group(LOCAL_ADDR, line, 1), eid);
            default:
                throw new IllegalArgumentException("capture line of unexpected type: " + line);
        }
    }

    /** The state by Asterisk's name; its number in the same line must agree with our table. */
    private static DeviceState state(String line) {
        DeviceState byName = DeviceState.parse(group(STATE, line, 2));
        assertThat(StateNumbers.ofNumber(Long.parseLong(group(STATE, line, 1)))).isEqualTo(byName);
        return byName;
    }

    private static boolean cachable(String line) {
        boolean byName = !"NOT_".equals(group(CACHABLE, line, 2));
        assertThat(group(CACHABLE, line, 1)).isEqualTo(byName ? "1" : "0");
        return byName;
    }

    private static String group(Pattern pattern, String line, int group) {
        Matcher m = pattern.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + pattern + " in capture line: " + line);
        }
        return m.group(group);
    }
}
