package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

class PayloadParserTest {
    private static final EntityId EID1 = EntityId.parse("00:11:22:33:44:01");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.statefed.wire.HostilePayloads#cases")
    void hostilePayloadIsRejectedForItsReason(String description, String xml, RejectReason reason) {
        AsteriskPayload payload = PayloadParser.parse(xml);

        assertThat(payload).isInstanceOf(RejectedPayload.class);
        RejectedPayload rejected = (RejectedPayload) payload;
        assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(reason);
        assertThat(rejected.detail()).isNotBlank().hasSizeLessThanOrEqualTo(240)
                .doesNotContainPattern("\\p{Cntrl}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<foo xmlns='urn:x'/>",
        "<state eid='00:11:22:33:44:01'>INUSE</state>",
        "<state xmlns='urn:other' eid='00:11:22:33:44:01'>INUSE</state>",
        "<STATE xmlns='http://asterisk.org' eid='00:11:22:33:44:01'>INUSE</STATE>",
        "<x:mailbox xmlns:x='http://asterisk.org#v2' eid='00:11:22:33:44:01'/>"})
    void elementThatIsNotOursIsUnknownPayload(String xml) {
        assertThat(PayloadParser.parse(xml)).extracting(p -> ((RejectedPayload) p).reason())
                .isEqualTo(RejectReason.UNKNOWN_PAYLOAD);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "not xml",
        "INUSE",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01'>INUSE",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01'>INUSE</mailbox>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' eid='00:11:22:33:44:02'>INUSE</state>",
        "<a:state eid='00:11:22:33:44:01'>INUSE</a:state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01'>INUSE</state><state/>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01'>INUSE</state>trailing",
        "<!-- only a comment -->"})
    void textThatIsNotOneWellFormedElementIsMalformedXml(String xml) {
        assertThat(PayloadParser.parse(xml)).extracting(p -> ((RejectedPayload) p).reason())
                .isEqualTo(RejectReason.MALFORMED_XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>INUSE</state>",
        "<state cachable='1' xmlns='http://asterisk.org' eid='00:11:22:33:44:01'>INUSE</state>",
        "<state cachable='1' eid='00:11:22:33:44:01' xmlns='http://asterisk.org'>INUSE</state>",
        "<state xmlns=\"http://asterisk.org\" eid=\"00:11:22:33:44:01\" cachable=\"1\">INUSE</state>",
        "<a:state xmlns:a='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>INUSE</a:state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01'>INUSE</state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>inuse</state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>\n  INUSE\n</state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>\tINUSE\r\n</state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>IN<!-- split -->USE</state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'><![CDATA[INUSE]]></state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>&#73;NUSE</state>",
        "<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1' xml:lang='en' note='x'>INUSE</state>",
        "<?xml version='1.0'?>\n<state xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='1'>INUSE</state>\n"})
    void stateVariantsAServerMightProduceParseAsTheSameState(String xml) {
        assertThat(PayloadParser.parse(xml)).isEqualTo(new DeviceStateElement(DeviceState.INUSE, EID1, true));
    }

    @ParameterizedTest
    @CsvSource({
        "aa:bb:cc:dd:ee:ff, 0xAABBCCDDEEFF",
        "AA:BB:CC:DD:EE:FF, 0xAABBCCDDEEFF",
        "Aa:bB:0c:D0:ee:F1, 0xAABB0CD0EEF1",
        "00:11:22:33:44:01, 0x001122334401"})
    void eidIsAcceptedInEitherCase(String eid, String value) {
        assertThat(PayloadParser.parse(HostilePayloads.state("eid='" + eid + "'", "BUSY")))
                .isEqualTo(new DeviceStateElement(DeviceState.BUSY, new EntityId(Long.decode(value)), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1"})
    void cachableAttributeIsReadAsAsteriskWritesIt(String cachable) {
        String xml = "<state cachable='" + cachable + "' eid='00:11:22:33:44:01' xmlns='http://asterisk.org'>NOT_INUSE</state>";

        assertThat(PayloadParser.parse(xml))
                .isEqualTo(new DeviceStateElement(DeviceState.NOT_INUSE, EID1, cachable.equals("1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<mailbox xmlns='http://asterisk.org' eid='00:11:22:33:44:01'><NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></mailbox>",
        "<mailbox eid='00:11:22:33:44:01' xmlns='http://asterisk.org'><NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></mailbox>",
        "<mailbox xmlns=\"http://asterisk.org\" eid=\"00:11:22:33:44:01\"><NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></mailbox>",
        "<mailbox xmlns='http://asterisk.org' eid='00:11:22:33:44:01'><NEWMSGS xmlns='http://asterisk.org'>3</NEWMSGS>"
                + "<OLDMSGS xmlns='http://asterisk.org'>5</OLDMSGS></mailbox>",
        "<mailbox xmlns='http://asterisk.org' eid='00:11:22:33:44:01'><OLDMSGS>5</OLDMSGS><NEWMSGS>3</NEWMSGS></mailbox>",
        "<mailbox xmlns='http://asterisk.org' eid='00:11:22:33:44:01'>\n  <NEWMSGS> 3 </NEWMSGS>\n  <OLDMSGS>\n5\n</OLDMSGS>\n</mailbox>",
        "<a:mailbox xmlns:a='http://asterisk.org' eid='00:11:22:33:44:01'><a:NEWMSGS>3</a:NEWMSGS><a:OLDMSGS>5</a:OLDMSGS></a:mailbox>",
        "<a:mailbox xmlns:a='http://asterisk.org' eid='00:11:22:33:44:01'><NEWMSGS>3</NEWMSGS><OLDMSGS>5</OLDMSGS></a:mailbox>",
        "<mailbox xmlns='http://asterisk.org' eid='00:11:22:33:44:01' cachable='whatever'><NEWMSGS>3</NEWMSGS>"
                + "<!-- c --><OLDMSGS>5</OLDMSGS></mailbox>"})
    void mailboxVariantsAServerMightProduceParseAsTheSameCounts(String xml) {
        assertThat(PayloadParser.parse(xml)).isEqualTo(new MailboxElement(EID1, 3, 5));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, Integer.MAX_VALUE})
    void countsAcrossTheWholeIntRangeParse(int count) {
        String xml = HostilePayloads.counts(Integer.toString(count), "0000000000");

        assertThat(PayloadParser.parse(xml)).isEqualTo(new MailboxElement(EID1, count, 0));
    }
}
