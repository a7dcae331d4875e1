package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

class EncodingTest {
    private static final EntityId EID1 = EntityId.parse(Stanzas.EID1);
    private static final XmlEnvironment IN_PUBSUB = new XmlEnvironment(Stanzas.PUBSUB_NS);

    @Test
    void cachableStateEncodesExactlyAsAsterisk() {
        assertThat(new DeviceStateElement(DeviceState.INUSE, EID1, true).toXML().toString()).isEqualTo(
                "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>INUSE</state>");
    }

    @Test
    void nonCachableStateEncodesWithCachableZeroAsAsteriskDidInRunG() {
        assertThat(new DeviceStateElement(DeviceState.NOT_INUSE, EID1, false).toXML().toString()).isEqualTo(
                "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='0'>NOT_INUSE</state>");
    }

    @Test
    void mailboxEncodesExactlyAsAsterisk() {
        assertThat(new MailboxElement(EID1, 3, 5).toXML().toString()).isEqualTo("<mailbox xmlns='http://asterisk.org' "
                + "eid='00:11:22:33:44:01'><NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></mailbox>");
    }

    @Test
    void encodedItemsAreByteForByteWhatAsteriskSent() {
        List<String> asteriskItems = Stanzas.resourceLines("asterisk-sent-items.txt");

        PayloadItem<DeviceStateElement> state = ItemEncoder.deviceState("Custom:mystate",
                new DeviceStateElement(DeviceState.INUSE, EID1, true));
        PayloadItem<MailboxElement> mailbox = ItemEncoder.mailbox("1000@default", new MailboxElement(EID1, 3, 5));

        assertThat(state.toXML(IN_PUBSUB).toString()).isEqualTo(asteriskItems.get(0));
        assertThat(mailbox.toXML(IN_PUBSUB).toString()).isEqualTo(asteriskItems.get(1));
    }

    @Test
    void eidIsWrittenInLowerCaseAsAsteriskWritesIt() {
        DeviceStateElement state = new DeviceStateElement(DeviceState.BUSY, EntityId.parse("AA:BB:CC:DD:EE:0F"), true);

        assertThat(state.toXML().toString()).contains(" eid='aa:bb:cc:dd:ee:0f' ");
    }

    static Stream<Arguments> everyStateEitherCachability() {
        return Stream.of(DeviceState.values())
                .flatMap(state -> Stream.of(Arguments.of(state, true), Arguments.of(state, false)));
    }

    @ParameterizedTest
    @MethodSource("everyStateEitherCachability")
    void everyDeviceStateSurvivesEncodeThenParse(DeviceState state, boolean cachable) {
        DeviceStateElement element = new DeviceStateElement(state, EID1, cachable);

        assertThat(PayloadParser.parse(element.toXML().toString())).isEqualTo(element);
    }

    @ParameterizedTest
    @MethodSource("everyStateEitherCachability")
    void everyDeviceStateSurvivesAFullEventStanza(DeviceState state, boolean cachable) throws Exception {
        PayloadItem<DeviceStateElement> item = ItemEncoder.deviceState("SIP/1000",
                new DeviceStateElement(state, EID1, cachable));

        DecodedItem decoded = Stanzas.decodeSingle(Stanzas.eventMessage("device_state", item.toXML(IN_PUBSUB).toString()));

        assertThat(decoded).isEqualTo(new DeviceStateItem("SIP/1000", state, EID1, cachable));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 42, Integer.MAX_VALUE})
    void mailboxCountsSurviveEncodeThenParse(int count) {
        MailboxElement element = new MailboxElement(EID1, count, Integer.MAX_VALUE - count);

        assertThat(PayloadParser.parse(element.toXML().toString())).isEqualTo(element);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Custom:\u0001", "Custom:\n"})
    void publishingUnderABadDeviceNameIsRefused(String device) {
        DeviceStateElement state = new DeviceStateElement(DeviceState.INUSE, EID1, true);

        assertThatThrownBy(() -> ItemEncoder.deviceState(device, state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot publish device");
    }

    @Test
    void publishingUnderAnOverlongDeviceNameIsRefused() {
        DeviceStateElement state = new DeviceStateElement(DeviceState.INUSE, EID1, true);

        assertThatThrownBy(() -> ItemEncoder.deviceState("d".repeat(300), state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("300 characters");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1000", "@default", "1000@", "1000@a@b"})
    void publishingAMailboxNotNamedMailboxAtContextIsRefused(String mailbox) {
        MailboxElement counts = new MailboxElement(EID1, 1, 0);

        assertThatThrownBy(() -> ItemEncoder.mailbox(mailbox, counts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot publish mailbox");
    }

    @Test
    void negativeCountsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new MailboxElement(EID1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxElement(EID1, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void elementsRefuseMissingParts() {
        assertThatThrownBy(() -> new DeviceStateElement(null, EID1, true)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DeviceStateElement(DeviceState.INUSE, null, true))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new MailboxElement(null, 0, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectedPayloadSerialisesAsAnEmptyElementInOurNamespace() {
        assertThat(new RejectedPayload("state", RejectReason.UNKNOWN_STATE, "x").toXML().toString())
                .isEqualTo("<state xmlns='http://asterisk.org'/>");
        assertThat(new RejectedPayload(null, RejectReason.MALFORMED_XML, null).toXML().toString())
                .isEqualTo("<rejected xmlns='http://asterisk.org'/>");
    }

    @Test
    void elementsNameTheirQualifiedName() {
        assertThat(DeviceStateElement.QNAME).isEqualTo(new DeviceStateElement(DeviceState.INUSE, EID1, true).getQName());
        assertThat(MailboxElement.QNAME.getNamespaceURI()).isEqualTo("http://asterisk.org");
        assertThat(MailboxElement.QNAME.getLocalPart()).isEqualTo("mailbox");
    }
}
