package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.provider.ItemProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * Real bytes from a real Asterisk, through prosody, through Smack's own stanza parser. The
 * expectations come from the raw text of each line (regular expressions), not from our parser.
 */
class GoldenCaptureTest {
    private static final Pattern ITEM_ID = Pattern.compile("<item id='([^']*)'>");
    private static final Pattern EID = Pattern.compile(" eid='([^']*)'");
    private static final Pattern CACHABLE = Pattern.compile(" cachable='([01])'");
    private static final Pattern STATE_TEXT = Pattern.compile(">([A-Z_]+)</state>");
    private static final Pattern NEWMSGS = Pattern.compile("<NEWMSGS>(\\d+)</NEWMSGS>");
    private static final Pattern OLDMSGS = Pattern.compile("<OLDMSGS>(\\d+)</OLDMSGS>");

    @BeforeAll
    static void registerProviders() {
        AsteriskProviders.register();
    }

    static Stream<String> capturedEvents() {
        return Stanzas.resourceLines("prosody-pubsub-events.txt").stream();
    }

    static Stream<String> capturedPublishIqs() {
        return Stanzas.resourceLines("asterisk-publish-iqs.txt").stream();
    }

    @ParameterizedTest
    @MethodSource("capturedEvents")
    void everyCapturedEventDecodesToWhatItsBytesSay(String line) throws Exception {
        DecodedItem item = Stanzas.decodeSingle(Stanzas.stanzaOf(line));

        assertMatchesRawItem(item, line);
    }

    @ParameterizedTest
    @MethodSource("capturedPublishIqs")
    void everyItemAsteriskPublishedDecodesWithSmacksItemProvider(String line) throws Exception {
        List<DecodedItem> items = publishedItems(Stanzas.stanzaOf(line));

        assertThat(items).hasSize(1);
        assertMatchesRawItem(items.get(0), line);
    }

    @Test
    void capturesCoverBothAttributeOrdersEveryPublishedStateAndBothMailboxes() {
        List<String> lines = new ArrayList<>(Stanzas.resourceLines("prosody-pubsub-events.txt"));
        lines.addAll(Stanzas.resourceLines("asterisk-publish-iqs.txt"));

        assertThat(lines).anyMatch(l -> l.contains("<state cachable='1' xmlns='http://asterisk.org' eid="))
                .anyMatch(l -> l.contains("<state cachable='1' eid='00:11:22:33:44:02' xmlns='http://asterisk.org'>"))
                .anyMatch(l -> l.contains("cachable='0'"));
        for (String token : List.of("NOT_INUSE", "INUSE", "RINGING", "BUSY", "INVALID", "UNAVAILABLE")) {
            assertThat(lines).anyMatch(l -> l.contains(">" + token + "</state>"));
        }
        assertThat(lines).anyMatch(l -> l.contains("<NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS>"))
                .anyMatch(l -> l.contains("<NEWMSGS>7</NEWMSGS><OLDMSGS>2</OLDMSGS>"));
    }

    @Test
    void runGNonCachableStateDecodesAsNotCachable() throws Exception {
        String line = Stanzas.resourceLines("asterisk-publish-iqs.txt").stream()
                .filter(l -> l.contains("cachable='0'")).findFirst().orElseThrow();

        assertThat(publishedItems(Stanzas.stanzaOf(line))).containsExactly(new DeviceStateItem(
                "Local/1234@devstate_test", DeviceState.NOT_INUSE, EntityId.parse(Stanzas.EID1), false));
    }

    @Test
    void capturedMailboxEventDecodesToItsCounts() throws Exception {
        String line = Stanzas.resourceLines("prosody-pubsub-events.txt").stream()
                .filter(l -> l.contains("<NEWMSGS>7</NEWMSGS>")).findFirst().orElseThrow();

        MailboxItem item = (MailboxItem) Stanzas.decodeSingle(Stanzas.stanzaOf(line));

        assertThat(item).isEqualTo(new MailboxItem("1000@default", EntityId.parse(Stanzas.EID1), 7, 2));
        assertThat(item.mailboxNumber()).isEqualTo("1000");
        assertThat(item.context()).isEqualTo("default");
    }

    @Test
    void itemsExactlyAsAsteriskSentThemDecodeInsideAnEvent() throws Exception {
        List<String> items = Stanzas.resourceLines("asterisk-sent-items.txt");

        DecodedItem state = Stanzas.decodeSingle(Stanzas.eventMessage("device_state", items.get(0)));
        DecodedItem mailbox = Stanzas.decodeSingle(Stanzas.eventMessage("message_waiting", items.get(1)));

        assertThat(state).isEqualTo(new DeviceStateItem("Custom:mystate", DeviceState.INUSE,
                EntityId.parse(Stanzas.EID1), true));
        assertThat(mailbox).isEqualTo(new MailboxItem("1000@default", EntityId.parse(Stanzas.EID1), 3, 5));
    }

    /** Walks a publish IQ and hands each {@code <item>} to Smack's own ItemProvider. */
    private static List<DecodedItem> publishedItems(String iq) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(iq);
        List<DecodedItem> items = new ArrayList<>();
        for (XmlPullParser.Event event = parser.getEventType(); event != XmlPullParser.Event.END_DOCUMENT;
                event = parser.next()) {
            if (event == XmlPullParser.Event.START_ELEMENT && parser.getName().equals("item")
                    && Stanzas.PUBSUB_NS.equals(parser.getNamespace())) {
                Item item = new ItemProvider().parse(parser);
                items.add(ItemDecoder.decode(item));
            }
        }
        return items;
    }

    private static void assertMatchesRawItem(DecodedItem item, String line) {
        String itemId = group(ITEM_ID, line);
        EntityId eid = EntityId.parse(group(EID, line));
        if (line.contains("<state ")) {
            assertThat(item).isEqualTo(new DeviceStateItem(itemId, DeviceState.valueOf(group(STATE_TEXT, line)),
                    eid, group(CACHABLE, line).equals("1")));
        } else {
            assertThat(item).isEqualTo(new MailboxItem(itemId, eid, Integer.parseInt(group(NEWMSGS, line)),
                    Integer.parseInt(group(OLDMSGS, line))));
        }
    }

    private static String group(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.find()) {
            throw new AssertionError(pattern + " not found in " + line);
        }
        return matcher.group(1);
    }
}
