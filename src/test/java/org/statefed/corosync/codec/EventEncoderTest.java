package org.statefed.corosync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

class EventEncoderTest {
    private static final EntityId A1 = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId A2 = EntityId.parse("00:11:22:33:44:0a");

    /** (event built by hand, capture message it must equal byte for byte). */
    static Stream<Arguments> handBuiltEvents() {
        return Stream.of(
                arguments(new ClusterDiscovery(1, "127.0.0.1", A1), 1),
                arguments(new DeviceStateAggregate("Custom:pre", DeviceState.BUSY, true, A1), 2),
                arguments(new DeviceStateChange("Custom:pre", DeviceState.BUSY, true, A1), 3),
                arguments(MwiUpdate.of("1000@default", new MwiCounts(2, 1), A1), 4),
                arguments(new ClusterDiscovery(1, "127.0.0.1", A2), 7),
                arguments(new DeviceStateChange("Custom:x", DeviceState.NOT_INUSE, true, A2), 12),
                arguments(new DeviceStateChange("Custom:x", DeviceState.INUSE, true, A1), 15),
                arguments(new MwiUpdate("1000", "default", new MwiCounts(3, 5), A1), 17),
                arguments(new Ping(A1), 21),
                arguments(new DeviceStateChange("Custom:x", DeviceState.BUSY, true, A2), 23));
    }

    @ParameterizedTest
    @MethodSource("handBuiltEvents")
    void eventsBuiltByHandAreAsteriskBytes(CorosyncEvent event, int captureIndex) {
        assertThat(HexFormat.of().formatHex(EventEncoder.encode(event)))
                .isEqualTo(CorosyncCapture.message(captureIndex).hex());
    }

    @Test
    void stringHashIsWrittenLittleEndianAsX86AsteriskDoes() {
        byte[] bytes = EventEncoder.encode(new DeviceStateChange("Custom:x", DeviceState.INUSE, true, A1));

        // DEVICE IE header at 4, its hash 0x1df6c7d4 at 8.
        assertThat(Arrays.copyOfRange(bytes, 8, 12)).containsExactly(0xd4, 0xc7, 0xf6, 0x1d);
    }

    @Test
    void lengthsAndNumbersAreBigEndianAndTheEidComesLast() {
        byte[] bytes = EventEncoder.encode(new ClusterDiscovery(0x0102_0304L, "10.0.0.1", A2));

        assertThat(Arrays.copyOfRange(bytes, 0, 4)).containsExactly(0x00, 0x0d, 0x00, bytes.length);
        assertThat(Arrays.copyOfRange(bytes, 4, 12)).containsExactly(0x00, 0x3e, 0x00, 0x04, 0x01, 0x02, 0x03, 0x04);
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length))
                .containsExactly(0x00, 0x21, 0x00, 0x06, 0x00, 0x11, 0x22, 0x33, 0x44, 0x0a);
    }

    @Test
    void stringsAreUtf8WithTheirNul() {
        byte[] bytes = EventEncoder.encode(new DeviceStateChange("Custom:café", DeviceState.INUSE, true, A1));

        // IE payload: 4 hash + "Custom:caf" 10 + é 2 + NUL 1; the text starts at 12, after both headers and the hash.
        assertThat(EventDecoder.u16(bytes, 6)).isEqualTo(17);
        assertThat(Arrays.copyOfRange(bytes, 22, 25)).containsExactly(0xc3, 0xa9, 0x00);
    }

    @ParameterizedTest
    @EnumSource(DeviceState.class)
    void everyStateSurvivesTheRoundTrip(DeviceState state) {
        for (boolean cachable : new boolean[] {true, false}) {
            DeviceStateChange change = new DeviceStateChange("PJSIP/100", state, cachable, A2);

            assertThat(EventDecoder.decode(EventEncoder.encode(change))).isEqualTo(change);
        }
    }

    @Test
    void stateNumbersAreAsterisks() {
        // enum ast_device_state, as the capture's header lists it.
        DeviceState[] byNumber = {DeviceState.UNKNOWN, DeviceState.NOT_INUSE, DeviceState.INUSE, DeviceState.BUSY,
            DeviceState.INVALID, DeviceState.UNAVAILABLE, DeviceState.RINGING, DeviceState.RINGINUSE, DeviceState.ONHOLD};
        for (int n = 0; n < byNumber.length; n++) {
            byte[] bytes = EventEncoder.encode(new DeviceStateChange("d", byNumber[n], true, A1));

            // DEVICE IE: 4 header + 4 hash + 'd' + NUL = 10 bytes from offset 4; STATE value at 18.
            assertThat(EventDecoder.u16(bytes, 20)).as("%s", byNumber[n]).isEqualTo(n);
            assertThat(StateNumbers.ofNumber(n)).isEqualTo(byNumber[n]);
        }
        assertThat(StateNumbers.ofNumber(9)).isNull();
        assertThat(StateNumbers.ofNumber(-1)).isNull();
    }

    @Test
    void extremeValuesSurviveTheRoundTrip() {
        CorosyncEvent[] events = {
            new MwiUpdate("\uD83D\uDCDE" + "9".repeat(100), "ctx-ü", new MwiCounts(Integer.MAX_VALUE, 0), A1),
            new ClusterDiscovery(0xFFFF_FFFFL, "[fe80::1%eth0]:5060", new EntityId(0xFFFF_FFFF_FFFFL)),
            new ClusterDiscovery(0, "h", new EntityId(0)),
            new DeviceStateChange("Ü".repeat(256), DeviceState.RINGINUSE, false, A2),
        };
        for (CorosyncEvent event : events) {
            assertThat(EventDecoder.decode(EventEncoder.encode(event))).isEqualTo(event);
        }
    }
}
