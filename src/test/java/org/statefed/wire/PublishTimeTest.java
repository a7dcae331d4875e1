package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/** statefed's {@code sf:published} attribute: written only when stamped, read whatever the prefix, never trusted. */
class PublishTimeTest {
    private static final EntityId EID1 = EntityId.parse(Stanzas.EID1);
    private static final Instant SENT = Instant.parse("2026-11-30T10:49:18.123Z");
    private static final Pattern PAYLOAD = Pattern.compile("<(state|mailbox) .*?</\\1>");

    @Test
    void aStampedStateCarriesItsPublishTimeAfterAsterisksAttributes() {
        DeviceStateElement state = new DeviceStateElement(DeviceState.INUSE, EID1, true).publishedAt(PublishTime.at(SENT));

        assertThat(state.toXML().toString()).isEqualTo("<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' "
                + "cachable='1' xmlns:sf='urn:xmpp:statefed:0' sf:published='2026-11-30T10:49:18.123Z'>INUSE</state>");
    }

    @Test
    void aTimeOnAWholeSecondIsStillWrittenWithMilliseconds() {
        MailboxElement mailbox = new MailboxElement(EID1, 3, 5)
                .publishedAt(PublishTime.at(Instant.parse("2026-11-30T10:49:18Z")));

        assertThat(mailbox.toXML().toString()).contains(" sf:published='2026-11-30T10:49:18.000Z'>");
    }

    @Test
    void stampedPayloadsDecodeToTheSameTime() {
        PublishTime sent = PublishTime.at(SENT.plusNanos(456_789));
        DeviceStateElement state = new DeviceStateElement(DeviceState.RINGING, EID1, false).publishedAt(sent);
        MailboxElement mailbox = new MailboxElement(EID1, 1, 2).publishedAt(sent);

        assertThat(PayloadParser.parse(state.toXML().toString())).isEqualTo(state);
        assertThat(PayloadParser.parse(mailbox.toXML().toString())).isEqualTo(mailbox);
        assertThat(sent.instant()).contains(SENT);
    }

    @Test
    void everyItemAsteriskSentDecodesWithoutAPublishTime() {
        List<String> lines = new java.util.ArrayList<>(Stanzas.resourceLines("prosody-pubsub-events.txt"));
        lines.addAll(Stanzas.resourceLines("asterisk-publish-iqs.txt"));
        int payloads = 0;
        for (String line : lines) {
            Matcher m = PAYLOAD.matcher(line);
            while (m.find()) {
                AsteriskPayload payload = PayloadParser.parse(m.group());
                assertThat(payload).as(m.group()).isNotInstanceOf(RejectedPayload.class);
                assertThat(payload instanceof DeviceStateElement s ? s.published() : ((MailboxElement) payload).published())
                        .as(m.group()).isEqualTo(PublishTime.ABSENT);
                payloads++;
            }
        }
        assertThat(payloads).isGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2026-11-30T10:49:18.123Z", "2026-11-30T10:49:18Z",
        "2026-01-02T03:04:05.006789Z", "1970-01-01T00:00:00Z", "0001-01-01T00:00:00.001Z", "9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"})
    void aTimeIsWrittenAsTheWireFormatterWritesItAndReadBack(String value) {
        Instant at = Instant.parse(value);
        String written = PublishTime.at(at).wireValue();
        assertThat(written).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(at));
        if (!value.startsWith("+") && !value.startsWith("-")) {
            assertThat(PublishTime.parse(written).instant()).contains(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2026-11-30T10:49:18.123Z", "2026-11-30T10:49:18Z",
        "2026-11-30T10:49:18.1Z", "2026-11-30T10:49:18.123456789Z", "1970-01-01T00:00:00.000Z",
        "2024-02-29T23:59:59.999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "2016-12-31T23:59:60.500Z", "2026-11-30T24:00:00Z"})
    void aPublishTimeIsReadAsInstantParseReadsIt(String value) {
        assertThat(PublishTime.parse(value).instant()).contains(Instant.parse(value));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2026-11-30T24:00:01Z", "2026-11-30T10:60:00Z",
        "2026-04-31T10:49:18Z", "2025-02-29T10:49:18Z", "2026-00-10T10:49:18Z"})
    void aFieldOutOfRangeIsUnreadableAsForInstantParse(String value) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Instant.parse(value));
        assertThat(PublishTime.parse(value).kind()).isEqualTo(PublishTime.Kind.UNREADABLE);
    }

    static Stream<Arguments> receivedAttributes() {
        String ns = "xmlns:sf='urn:xmpp:statefed:0' ";
        return Stream.of(
                Arguments.of("statefed's own", ns + "sf:published='2026-11-30T10:49:18.123Z'", PublishTime.Kind.PRESENT),
                Arguments.of("prefix rewritten by prosody",
                        "xmlns:ns1='urn:xmpp:statefed:0' ns1:published='2026-11-30T10:49:18.123Z'", PublishTime.Kind.PRESENT),
                Arguments.of("no fraction", ns + "sf:published='2026-11-30T10:49:18Z'", PublishTime.Kind.PRESENT),
                Arguments.of("nanoseconds", ns + "sf:published='2026-11-30T10:49:18.123456789Z'", PublishTime.Kind.PRESENT),
                Arguments.of("none (Asterisk)", "", PublishTime.Kind.ABSENT),
                Arguments.of("unprefixed: not ours", "published='2026-11-30T10:49:18.123Z'", PublishTime.Kind.ABSENT),
                Arguments.of("another namespace", "xmlns:x='urn:other' x:published='2026-11-30T10:49:18.123Z'",
                        PublishTime.Kind.ABSENT),
                Arguments.of("empty", ns + "sf:published=''", PublishTime.Kind.UNREADABLE),
                Arguments.of("epoch millis", ns + "sf:published='1764499758123'", PublishTime.Kind.UNREADABLE),
                Arguments.of("not a time", ns + "sf:published='yesterday'", PublishTime.Kind.UNREADABLE),
                Arguments.of("negative number", ns + "sf:published='-1'", PublishTime.Kind.UNREADABLE),
                Arguments.of("offset instead of Z", ns + "sf:published='2026-11-30T11:49:18.123+01:00'",
                        PublishTime.Kind.UNREADABLE),
                Arguments.of("month 13", ns + "sf:published='2026-13-30T10:49:18.123Z'", PublishTime.Kind.UNREADABLE),
                Arguments.of("February 30", ns + "sf:published='2026-02-30T10:49:18.123Z'", PublishTime.Kind.UNREADABLE),
                Arguments.of("year 10000", ns + "sf:published='+10000-01-01T00:00:00Z'", PublishTime.Kind.UNREADABLE),
                Arguments.of("surrounding space", ns + "sf:published=' 2026-11-30T10:49:18.123Z'",
                        PublishTime.Kind.UNREADABLE),
                Arguments.of("control character", ns + "sf:published='2026-11-30T10:49:18.123Z&#10;'",
                        PublishTime.Kind.UNREADABLE),
                Arguments.of("huge", ns + "sf:published='" + "9".repeat(5_000) + "'", PublishTime.Kind.UNREADABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("receivedAttributes")
    void aReceivedPublishTimeIsReadOrSetAsideButNeverRejectsTheItem(String description, String attribute,
            PublishTime.Kind expected) {
        String state = "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1' " + attribute
                + ">INUSE</state>";
        String mailbox = "<mailbox xmlns='http://asterisk.org' eid='00:11:22:33:44:01' " + attribute
                + "><NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></mailbox>";

        AsteriskPayload parsedState = PayloadParser.parse(state);
        AsteriskPayload parsedMailbox = PayloadParser.parse(mailbox);

        assertThat(parsedState).isInstanceOf(DeviceStateElement.class);
        assertThat(parsedMailbox).isInstanceOf(MailboxElement.class);
        PublishTime stateTime = ((DeviceStateElement) parsedState).published();
        assertThat(stateTime.kind()).as(stateTime.toString()).isEqualTo(expected);
        assertThat(((MailboxElement) parsedMailbox).published()).isEqualTo(stateTime);
        assertThat(((DeviceStateElement) parsedState).state()).isEqualTo(DeviceState.INUSE);
        stateTime.problem().ifPresent(problem -> assertThat(problem).hasSizeLessThan(120)
                .doesNotContainPattern("\\p{Cntrl}"));
    }
}
