package org.statefed.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

class BodyEncoderTest {
    private static final EntityId EID = EntityId.parse("00:11:22:33:44:0a");

    @Test
    void quotesAndBackslashesAreEscapedAsJanssonDoesAndDecodeBack() {
        DeviceStateBody body = new DeviceStateBody("Custom:a\"b\\c/é", DeviceState.RINGINUSE, false, EID);

        String text = BodyEncoder.text(body);

        assertThat(text).isEqualTo("{\"type\":\"devicestate\",\"device\":\"Custom:a\\\"b\\\\c/é\",\"state\":"
                + "\"RINGINUSE\",\"cachable\":0,\"eid\":\"00:11:22:33:44:0a\"}");
        assertThat(BodyDecoder.decode(EventPackage.DEVICE_STATE, text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(body);
    }

    @Test
    void controlCharactersUseJanssonsShortAndUpperCaseUnicodeEscapes() {
        StringBuilder out = new StringBuilder();

        BodyEncoder.string(out, "a\tb\nc\u0001d\u001f");

        assertThat(out).hasToString("\"a\\tb\\nc\\u0001d\\u001F\"");
    }

    @Test
    void mailboxWritesOldBeforeNewAsAsteriskDoes() {
        assertThat(BodyEncoder.text(new MailboxStateBody("1000@default", new MwiCounts(3, 5), EID)))
                .isEqualTo("{\"type\":\"mailboxstate\",\"uniqueid\":\"1000@default\",\"old\":5,\"new\":3,"
                        + "\"eid\":\"00:11:22:33:44:0a\"}");
    }

    @Test
    void recordsRefuseNamesNoPeerCouldAccept() {
        assertThatThrownBy(() -> new DeviceStateBody("", DeviceState.BUSY, true, EID))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MailboxStateBody("1000", new MwiCounts(0, 0), EID))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
