package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/** Own and bridged values of one name are two items on our own node, and each decodes to its name and eid. */
class BridgedItemIdTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId LAN = EntityId.parse("00:11:22:33:44:a1");

    @Test
    void ownAndBridgedStatesOfOneDeviceHaveDistinctItemIdsOnOurOwnNodeAndDecodeToTheSameDevice() {
        String own = BridgedItemId.onNode("SIP/100", OWN, OWN, true);
        String bridged = BridgedItemId.onNode("SIP/100", LAN, OWN, true);

        assertThat(own).as("own items keep Asterisk's id").isEqualTo("SIP/100");
        assertThat(bridged).isNotEqualTo(own).isEqualTo("SIP/100@@00:11:22:33:44:a1");
        assertThat(ItemDecoder.decode(bridged, new DeviceStateElement(DeviceState.BUSY, LAN, true)))
                .isEqualTo(new DeviceStateItem("SIP/100", DeviceState.BUSY, LAN, true));
        assertThat(ItemDecoder.decode(own, new DeviceStateElement(DeviceState.INUSE, OWN, true)))
                .isEqualTo(new DeviceStateItem("SIP/100", DeviceState.INUSE, OWN, true));
    }

    @Test
    void aBridgedMailboxDecodesToItsMailboxAtContext() {
        String bridged = BridgedItemId.onNode("1000@default", LAN, OWN, true);

        assertThat(ItemDecoder.decode(bridged, new MailboxElement(LAN, 2, 1)))
                .isEqualTo(new MailboxItem("1000@default", LAN, 2, 1));
    }

    @Test
    void onTheSharedNodeAsteriskReadsTheIdAsTheDeviceSoItStaysPlain() {
        assertThat(BridgedItemId.onNode("SIP/100", LAN, OWN, false)).isEqualTo("SIP/100");
    }

    @Test
    void aSuffixNamingAnotherEntityIdThanThePayloadsIsPartOfTheName() {
        assertThat(ItemDecoder.decode("SIP/100@@00:11:22:33:44:a1", new DeviceStateElement(DeviceState.BUSY, OWN,
                true))).isEqualTo(new DeviceStateItem("SIP/100@@00:11:22:33:44:a1", DeviceState.BUSY, OWN, true));
        assertThat(ItemDecoder.decode("@@00:11:22:33:44:a1", new DeviceStateElement(DeviceState.BUSY, LAN, true)))
                .as("nothing left of the name: the id is the name").isEqualTo(
                        new DeviceStateItem("@@00:11:22:33:44:a1", DeviceState.BUSY, LAN, true));
    }

    @Test
    void aNameTooLongForTheSuffixKeepsItsPlainId() {
        String longName = "Custom:" + "x".repeat(WireLimits.MAX_ITEM_ID_CHARS - 10);
        assertThat(BridgedItemId.onNode(longName, LAN, OWN, true)).isEqualTo(longName);
    }
}
