package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

class ItemDecoderTest {
    private static final EntityId EID1 = EntityId.parse(Stanzas.EID1);
    private static final DeviceStateElement INUSE = new DeviceStateElement(DeviceState.INUSE, EID1, true);
    private static final MailboxElement COUNTS = new MailboxElement(EID1, 3, 5);

    static Stream<Arguments> badItemIds() {
        return Stream.of(
                arguments("empty", ""),
                arguments("300 characters", "d".repeat(300)),
                arguments("257 characters", "d".repeat(257)),
                arguments("SOH control character", "Custom:\u0001state"),
                arguments("newline", "Custom:my\nstate"),
                arguments("DEL", "Custom:\u007f"),
                arguments("C1 control", "Custom:\u0085"),
                arguments("Unicode line separator", "Custom:\u2028forged log line"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badItemIds")
    void badItemIdIsRejectedWhateverThePayload(String description, String itemId) {
        assertThat(ItemDecoder.itemIdProblem(itemId)).isNotNull();
        assertThat(ItemDecoder.decode(itemId, INUSE)).extracting(item -> ((RejectedItem) item).reason())
                .isEqualTo(RejectReason.BAD_ITEM_ID);
    }

    /** Issue 10 #16: names that look like other names are dropped under their own counted reason. */
    static Stream<Arguments> lookAlikeItemIds() {
        return Stream.of(
                arguments("right-to-left override", "SIP/100\u202e1"),
                arguments("left-to-right override", "SIP/\u202d100"),
                arguments("right-to-left mark", "SIP/100\u200f"),
                arguments("first strong isolate", "SIP/\u2068100"),
                arguments("pop directional isolate", "SIP/100\u2069"),
                arguments("arabic letter mark", "SIP/\u061c100"),
                arguments("zero width space", "SIP/\u200b100"),
                arguments("zero width joiner", "SIP/1\u200d00"),
                arguments("word joiner", "SIP/100\u2060"),
                arguments("byte order mark", "\ufeffSIP/100"),
                arguments("soft hyphen", "SIP/10\u00ad0"),
                arguments("no-break space", "Custom:front\u00a0door"),
                arguments("ideographic space", "Custom:front\u3000door"),
                arguments("hangul filler", "SIP/100\u3164"),
                arguments("braille blank", "SIP/100\u2800"),
                arguments("combining grapheme joiner", "SIP/100\u034f"),
                arguments("variation selector", "SIP/100\ufe0f"),
                arguments("tag character", "SIP/100\udb40\udc41"),
                arguments("lone surrogate", "SIP/100\ud800"),
                arguments("mailbox with bidi override", "100\u202e@default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookAlikeItemIds")
    void lookAlikeItemIdIsRejectedWhateverThePayload(String description, String itemId) {
        assertThat(ItemDecoder.itemIdProblem(itemId)).startsWith("has an invisible or direction-changing character");
        assertThat(ItemDecoder.decode(itemId, INUSE)).extracting(item -> ((RejectedItem) item).reason())
                .isEqualTo(RejectReason.LOOK_ALIKE_NAME);
        assertThat(ItemDecoder.decode(itemId, COUNTS)).extracting(item -> ((RejectedItem) item).reason())
                .isEqualTo(RejectReason.LOOK_ALIKE_NAME);
    }

    @Test
    void nullItemIdIsRejected() {
        assertThat(ItemDecoder.decode((String) null, INUSE)).isEqualTo(
                new RejectedItem("", RejectReason.BAD_ITEM_ID, "item id is empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Custom:mystate", "XMPP/asterisk/server2@localhost", "Local/1234@devstate_test",
        "SIP/1000", "PJSIP/t\u00e9l\u00e9phone", "x", "Custom:front door", "PJSIP/\u96fb\u8a71",
        "Custom:\u0645\u0643\u062a\u0628"})
    void ordinaryDeviceNamesAreValidItemIds(String itemId) {
        assertThat(ItemDecoder.itemIdProblem(itemId)).isNull();
        assertThat(ItemDecoder.decode(itemId, INUSE))
                .isEqualTo(new DeviceStateItem(itemId, DeviceState.INUSE, EID1, true));
    }

    @Test
    void itemIdOfExactly256CharactersIsAccepted() {
        assertThat(ItemDecoder.itemIdProblem("d".repeat(256))).isNull();
    }

    @Test
    void itemWithoutPayloadIsMissingPayload() {
        assertThat(ItemDecoder.decode("Custom:mystate", null)).isEqualTo(new RejectedItem("Custom:mystate",
                RejectReason.MISSING_PAYLOAD, "the item carries no payload"));
        assertThat(ItemDecoder.decode(new Item("Custom:mystate"))).extracting(item -> ((RejectedItem) item).reason())
                .isEqualTo(RejectReason.MISSING_PAYLOAD);
    }

    static Stream<ExtensionElement> foreignPayloads() {
        return Stream.of(
                new SimplePayload("<state xmlns='urn:other'>INUSE</state>"),
                new SimplePayload("<geoloc xmlns='http://jabber.org/protocol/geoloc'><lat>1</lat></geoloc>"),
                StandardExtensionElement.builder("control", "urn:statefed:control").addAttribute("op", "resync").build());
    }

    @ParameterizedTest
    @MethodSource("foreignPayloads")
    void payloadThatIsNotOursIsUnknownPayload(ExtensionElement payload) {
        DecodedItem item = ItemDecoder.decode("Custom:mystate", payload);

        assertThat(item).isInstanceOfSatisfying(RejectedItem.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_PAYLOAD);
            assertThat(rejected.detail()).contains(payload.getNamespace());
        });
    }

    @Test
    void rejectedPayloadKeepsItsReasonAndDetail() {
        RejectedPayload payload = new RejectedPayload("state", RejectReason.UNKNOWN_STATE, "state 'FOO' names nothing");

        assertThat(ItemDecoder.decode("Custom:mystate", payload)).isEqualTo(
                new RejectedItem("Custom:mystate", RejectReason.UNKNOWN_STATE, "state 'FOO' names nothing"));
    }

    @Test
    void mailboxItemSplitsIntoMailboxAndContext() {
        DecodedItem item = ItemDecoder.decode(new PayloadItem<>("1000@default", COUNTS));

        assertThat(item).isEqualTo(new MailboxItem("1000@default", EID1, 3, 5));
        assertThat(((MailboxItem) item).mailboxNumber()).isEqualTo("1000");
        assertThat(((MailboxItem) item).context()).isEqualTo("default");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "@default", "1000@", "@", "1000@default@other"})
    void mailboxItemIdNotOfTheFormMailboxAtContextIsRejected(String itemId) {
        assertThat(ItemDecoder.decode(itemId, COUNTS)).extracting(item -> ((RejectedItem) item).reason())
                .isEqualTo(RejectReason.BAD_ITEM_ID);
    }

    @Test
    void rejectedItemIdIsEscapedForLogs() {
        RejectedItem item = (RejectedItem) ItemDecoder.decode("Custom:\u0001\nstate", INUSE);

        assertThat(item.itemId()).isEqualTo("Custom:\\u0001\\u000astate");
        assertThat(item.detail()).doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void rejectedItemIdIsCutTo80Characters() {
        RejectedItem item = (RejectedItem) ItemDecoder.decode("d".repeat(300), INUSE);

        assertThat(item.itemId()).hasSize(80).startsWith("d".repeat(79)).endsWith("\u2026");
        assertThat(item.detail()).isEqualTo("item id has 300 characters, more than 256");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Custom:mystate"})
    void decodeNeverThrowsForAnyIdWithAnyPayloadKind(String itemId) {
        for (ExtensionElement payload : new ExtensionElement[] {INUSE, COUNTS, null,
            new RejectedPayload("", RejectReason.MALFORMED_XML, null), new SimplePayload("<x xmlns='urn:x'/>")}) {
            assertThat(ItemDecoder.decode(itemId, payload)).isNotNull();
        }
    }
}
