package org.statefed.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.statefed.sip.codec.SipCapture.Datagram;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * Every datagram two real Asterisk servers exchanged over res_pjsip_publish_asterisk. Expected bodies are
 * read from the captured text with plain patterns, never through our decoder or Jackson.
 */
class GoldenSipCaptureTest {
    private static final Pattern DEVICE = Pattern.compile(
            "\\{\"type\":\"devicestate\",\"device\":\"([^\"]*)\",\"state\":\"([A-Z_]+)\",\"cachable\":([01]),"
                    + "\"eid\":\"([0-9a-f:]{17})\"}");
    private static final Pattern MAILBOX = Pattern.compile(
            "\\{\"type\":\"mailboxstate\",\"uniqueid\":\"([^\"]*)\",\"old\":(\\d+),\"new\":(\\d+),"
                    + "\"eid\":\"([0-9a-f:]{17})\"}");
    private static final Pattern REFRESH = Pattern.compile("\\{\"type\":\"refresh\",\"eid\":\"([0-9a-f:]{17})\"}");

    static Stream<Datagram> datagrams() {
        return SipCapture.datagrams().stream();
    }

    static Stream<Datagram> bodies() {
        return datagrams().filter(d -> !d.body().isEmpty());
    }

    static Stream<Datagram> requests() {
        return datagrams().filter(Datagram::isRequest);
    }

    @ParameterizedTest
    @MethodSource("datagrams")
    void everyDatagramIsAsLongAsItsHeadingSays(Datagram datagram) {
        assertThat(datagram.bytes()).hasSize(datagram.declaredBytes());
    }

    @ParameterizedTest
    @MethodSource("datagrams")
    void everyContentLengthIsTheBodyLengthInPjsipsFiveColumnForm(Datagram datagram) {
        String line = datagram.headerBlock().lines().filter(l -> l.startsWith("Content-Length:")).findFirst()
                .orElseThrow();
        int length = datagram.body().getBytes(StandardCharsets.UTF_8).length;

        assertThat(line).isEqualTo(length == 0 ? "Content-Length:  0" : String.format("Content-Length: %5d", length));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void everyCapturedBodyDecodesToWhatItsTextSays(Datagram datagram) {
        EventPackage eventPackage = EventPackage.ofEventName(datagram.header("Event"));

        DecodedBody decoded = BodyDecoder.decode(eventPackage, datagram.body().getBytes(StandardCharsets.UTF_8));

        assertThat(decoded).isEqualTo(expected(datagram.body()));
        assertThat(datagram.header("Content-Type")).isEqualTo("application/json");
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void everyCapturedBodyReEncodesByteForByte(Datagram datagram) {
        PublicationBody body = (PublicationBody) BodyDecoder.decode(EventPackage.ofEventName(datagram.header("Event")),
                datagram.body().getBytes(StandardCharsets.UTF_8));

        assertThat(BodyEncoder.encode(body)).isEqualTo(datagram.body().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void everyCapturedRequestIsClassifiedAsItsAnswerShows(Datagram request) {
        PublishKind kind = PublishKind.of(request.header("SIP-If-Match"), !request.body().isEmpty(),
                Integer.parseInt(request.header("Expires")));
        List<Integer> answers = answersTo(request);

        // a1 challenges a2 (inbound auth), a2 does not challenge a1: the digest check comes first, so a
        // request to a1 without Authorization is answered 401 whatever it is.
        if (request.receiver().equals("a1") && request.header("Authorization") == null) {
            assertThat(answers).containsOnly(401);
            return;
        }
        switch (kind) {
            // Asterisk answers a PUBLISH with neither SIP-If-Match nor body 400, and only such a one.
            case INVALID -> assertThat(answers).containsOnly(400);
            // A modify or refresh names an ETag: 412 when the receiver no longer has it.
            case MODIFY, REFRESH -> assertThat(answers).isNotEmpty().isSubsetOf(200, 412);
            case INITIAL -> assertThat(answers).isSubsetOf(200);
            case REMOVE -> assertThat(answers).isSubsetOf(200, 412);
        }
        assertThat(EventPackage.ofEventName(request.header("Event"))).isNotNull();
    }

    @Test
    void captureHoldsEveryKindOfRequestBodyAndAnswer() {
        List<Datagram> all = SipCapture.datagrams();

        assertThat(all).extracting(Datagram::index)
                .containsExactlyElementsOf(Stream.iterate(1, i -> i + 1).limit(74).collect(Collectors.toList()));
        assertThat(all.stream().filter(d -> !d.isRequest()).map(Datagram::statusCode).distinct())
                .containsExactlyInAnyOrder(200, 401, 400, 412);
        assertThat(all.stream().filter(Datagram::isRequest).map(r -> PublishKind.of(r.header("SIP-If-Match"),
                !r.body().isEmpty(), Integer.parseInt(r.header("Expires")))).distinct())
                .contains(PublishKind.INITIAL, PublishKind.MODIFY, PublishKind.REFRESH, PublishKind.INVALID);
        assertThat(all.stream().filter(d -> !d.body().isEmpty())
                .map(d -> BodyDecoder.decode(EventPackage.ofEventName(d.header("Event")),
                        d.body().getBytes(StandardCharsets.UTF_8)).getClass().getSimpleName()).distinct())
                .containsExactlyInAnyOrder("DeviceStateBody", "MailboxStateBody", "RefreshBody");
    }

    @Test
    void everyResponseEchoesTheCallIdAndCSeqOfARequestAndCarriesAnETagWhenItIsA200() {
        for (Datagram response : SipCapture.datagrams().stream().filter(d -> !d.isRequest()).toList()) {
            Datagram request = requestOf(response);
            assertThat(response.header("Call-ID")).isEqualTo(request.header("Call-ID"));
            if (response.statusCode() == 200) {
                assertThat(response.header("SIP-ETag")).as("%s", response).matches("\\d+");
                assertThat(response.header("Expires")).isEqualTo(request.header("Expires"));
            }
        }
    }

    private static List<Integer> answersTo(Datagram request) {
        String branch = branch(request);
        return SipCapture.datagrams().stream().filter(d -> !d.isRequest() && branch.equals(branch(d)))
                .map(Datagram::statusCode).toList();
    }

    private static Datagram requestOf(Datagram response) {
        String branch = branch(response);
        return SipCapture.datagrams().stream().filter(d -> d.isRequest() && branch.equals(branch(d))).findFirst()
                .orElseThrow(() -> new AssertionError("no request for " + response));
    }

    private static String branch(Datagram d) {
        Matcher m = Pattern.compile("branch=([^;\\s]+)").matcher(d.header("Via"));
        return m.find() ? m.group(1) : "";
    }

    private static PublicationBody expected(String body) {
        Matcher m = DEVICE.matcher(body);
        if (m.matches()) {
            return new DeviceStateBody(m.group(1), DeviceState.parse(m.group(2)), m.group(3).equals("1"),
                    EntityId.parse(m.group(4)));
        }
        m = MAILBOX.matcher(body);
        if (m.matches()) {
            return new MailboxStateBody(m.group(1), new MwiCounts(Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(2))), EntityId.parse(m.group(4)));
        }
        m = REFRESH.matcher(body);
        if (m.matches()) {
            return new RefreshBody(EntityId.parse(m.group(1)));
        }
        throw new AssertionError("the capture holds a body of an unknown shape: " + body);
    }
}
