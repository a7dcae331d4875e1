package org.statefed.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.statefed.state.EntityId;
import org.statefed.state.StateDigest;

class RefreshRequestTest {
    private static final EntityId A = EntityId.parse("00:11:22:33:44:01");
    private static final EntityId B = EntityId.parse("00:11:22:33:44:02");

    private static ExtensionElement parse(String xml) throws Exception {
        XmlPullParser parser = PacketParserUtils.getParserFor(xml);
        return new RefreshRequestProvider().parse(parser);
    }

    @Test
    void requestWithoutHavesIsAnEmptyElement() throws Exception {
        RefreshRequestElement request = new RefreshRequestElement(A, "n1");
        assertThat(request.toXML().toString())
                .isEqualTo("<refresh xmlns='urn:xmpp:statefed:0' eid='00:11:22:33:44:01' nonce='n1'/>");
        assertThat(parse(request.toXML().toString())).isEqualTo(request);
    }

    @Test
    void havesSurviveTheRoundTripWithTheirFullSixtyFourBitSums() throws Exception {
        RefreshRequestElement request = new RefreshRequestElement(A, "n2", List.of(
                new RefreshRequestElement.Have(B, new StateDigest(10_000, 0xf80c74024c54ca5fL)),
                new RefreshRequestElement.Have(EntityId.parse("00:11:22:33:44:03"), StateDigest.EMPTY)));
        assertThat(request.toXML().toString()).contains("<have eid='00:11:22:33:44:02' count='10000' sum='f80c74024c54ca5f'/>");
        RefreshRequestElement parsed = (RefreshRequestElement) parse(request.toXML().toString());
        assertThat(parsed).isEqualTo(request);
        assertThat(parsed.digestOf(B)).contains(new StateDigest(10_000, 0xf80c74024c54ca5fL));
        assertThat(parsed.digestOf(A)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown child        | <x/>",
        "have without eid     | <have count='1' sum='ab'/>",
        "malformed eid        | <have eid='zz' count='1' sum='ab'/>",
        "negative count       | <have eid='00:11:22:33:44:02' count='-1' sum='ab'/>",
        "sum not hex          | <have eid='00:11:22:33:44:02' count='1' sum='xyz'/>",
        "sum over 64 bits     | <have eid='00:11:22:33:44:02' count='1' sum='1ffffffffffffffff'/>"})
    void malformedHavesRejectTheWholeRequest(String name, String child) throws Exception {
        ExtensionElement parsed = parse("<refresh xmlns='urn:xmpp:statefed:0' eid='00:11:22:33:44:01' nonce='n'>"
                + child + "</refresh>");
        assertThat(parsed).isInstanceOf(RejectedPayload.class);
        assertThat(((RejectedPayload) parsed).reason()).isEqualTo(RejectReason.UNEXPECTED_CHILD);
    }
}
