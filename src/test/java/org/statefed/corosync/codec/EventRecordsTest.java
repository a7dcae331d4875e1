package org.statefed.corosync.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;
import org.statefed.wire.ItemDecoder;

/** The event records refuse what the decoder rejects, so every record can be encoded and published. */
class EventRecordsTest {
    private static final EntityId EID = EntityId.parse("00:11:22:33:44:01");
    private static final MwiCounts COUNTS = new MwiCounts(1, 2);

    /** (description, construction, text the message must contain). */
    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("empty device", (Supplier<?>) () -> new DeviceStateChange("", DeviceState.INUSE, true, EID),
                        "device is empty"),
                arguments("null device", (Supplier<?>) () -> new DeviceStateAggregate(null, DeviceState.INUSE, true, EID),
                        "device is empty"),
                arguments("257-character device",
                        (Supplier<?>) () -> new DeviceStateChange("d".repeat(257), DeviceState.INUSE, true, EID),
                        "device has 257 characters, more than 256"),
                arguments("device with a tab", (Supplier<?>) () -> new DeviceStateChange("a\tb", DeviceState.INUSE, true, EID),
                        "device has a control character (U+0009) at position 2"),
                arguments("mailbox with '@'", (Supplier<?>) () -> new MwiUpdate("1@2", "default", COUNTS, EID),
                        "mailbox contains '@'"),
                arguments("context with '@'", (Supplier<?>) () -> MwiUpdate.of("1000@de@fault", COUNTS, EID),
                        "context contains '@'"),
                arguments("mailbox id without '@'", (Supplier<?>) () -> MwiUpdate.of("1000", COUNTS, EID),
                        "mailbox id has no '@'"),
                arguments("empty context", (Supplier<?>) () -> MwiUpdate.of("1000@", COUNTS, EID), "context is empty"),
                arguments("mailbox@context over 256", (Supplier<?>) () -> new MwiUpdate("1".repeat(200), "c".repeat(56),
                        COUNTS, EID), "mailbox@context has 257 characters"),
                arguments("negative node id", (Supplier<?>) () -> new ClusterDiscovery(-1, "127.0.0.1", EID),
                        "unsigned 32-bit"),
                arguments("node id over 32 bits", (Supplier<?>) () -> new ClusterDiscovery(1L << 32, "127.0.0.1", EID),
                        "unsigned 32-bit"),
                arguments("empty local address", (Supplier<?>) () -> new ClusterDiscovery(1, "", EID),
                        "local address is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void recordsRefuseWhatTheDecoderRejects(String description, Supplier<?> construction, String message) {
        assertThatThrownBy(construction::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void mwiOfSplitsAtTheAtSignAndNamesTheMailboxAsTheTablesDo() {
        MwiUpdate mwi = MwiUpdate.of("1000@default", COUNTS, EID);

        assertThat(mwi.mailbox()).isEqualTo("1000");
        assertThat(mwi.context()).isEqualTo("default");
        assertThat(mwi.mailboxId()).isEqualTo("1000@default");
    }

    @Test
    void everyNameTheCodecAcceptsIsAValidPubSubItemId() {
        String longest = "d".repeat(Names.MAX_NAME_CHARS);
        MwiUpdate longestMailbox = new MwiUpdate("1".repeat(200), "c".repeat(55), COUNTS, EID);

        assertThat(ItemDecoder.itemIdProblem(new DeviceStateChange(longest, DeviceState.INUSE, true, EID).device())).isNull();
        assertThat(ItemDecoder.itemIdProblem(longestMailbox.mailboxId())).isNull();
        // One more character is too long for the wire package as well: the two limits are the same.
        assertThat(ItemDecoder.itemIdProblem(longest + "d")).isNotNull();
    }

    @Test
    void onlyTheAggregateIsIgnoredAndItKeepsTheWholeEvent() {
        DeviceStateAggregate aggregate = new DeviceStateAggregate("Custom:x", DeviceState.RINGING, false, EID);

        DecodedEvent decoded = EventDecoder.decode(EventEncoder.encode(aggregate));

        assertThat(decoded).isInstanceOf(IgnoredEvent.class);
        assertThat(((IgnoredEvent) decoded).event()).isEqualTo(aggregate);
        assertThat(((IgnoredEvent) decoded).why()).contains("no handler");
    }
}
