package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityIdTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "00:11:22:33:44:55, 00:11:22:33:44:55",
        "AA:BB:CC:DD:EE:FF, aa:bb:cc:dd:ee:ff",
        "De:aD:bE:eF:00:0a, de:ad:be:ef:00:0a",
        "00:00:00:00:00:00, 00:00:00:00:00:00",
    })
    void parsesAnyCaseAndFormatsLowerCase(String text, String formatted) {
        EntityId eid = EntityId.parse(text);
        assertThat(eid.toString()).isEqualTo(formatted);
        assertThat(EntityId.parse(eid.toString())).isEqualTo(eid);
        assertThat(EntityId.problemWith(text)).isNull();
    }

    @Test
    void parsedValueIsTheBytesInOrder() {
        assertThat(EntityId.parse("01:02:03:04:05:06").value()).isEqualTo(0x010203040506L);
        assertThat(EntityId.parse("ff:ff:ff:ff:ff:ff").value()).isEqualTo(0xFFFF_FFFF_FFFFL);
    }

    @Test
    void bytesRoundTrip() {
        byte[] bytes = {0x00, (byte) 0x80, (byte) 0xFF, 0x12, 0x7F, (byte) 0xAB};
        EntityId eid = EntityId.ofBytes(bytes);
        assertThat(eid.toString()).isEqualTo("00:80:ff:12:7f:ab");
        assertThat(eid.toBytes()).containsExactly(bytes);
        assertThat(EntityId.parse("00:80:ff:12:7f:ab")).isEqualTo(eid);
    }

    @Test
    void ofBytesNeedsExactlySixBytes() {
        assertThatThrownBy(() -> EntityId.ofBytes(new byte[5])).hasMessageContaining("exactly 6 bytes, got 5");
        assertThatThrownBy(() -> EntityId.ofBytes(new byte[7])).hasMessageContaining("exactly 6 bytes, got 7");
        assertThatThrownBy(() -> EntityId.ofBytes(null)).hasMessageContaining("got none");
    }

    @Test
    void valueMustFitIn48Bits() {
        assertThatThrownBy(() -> new EntityId(1L << 48)).hasMessageContaining("48 bits");
        assertThatThrownBy(() -> new EntityId(-1)).hasMessageContaining("48 bits");
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(nullValues = "NULL", delimiter = '|', value = {
        "''                    | it is empty",
        "NULL                  | it is empty",
        "00:11:22:33:44        | it has 14 characters, not 17",
        "00:11:22:33:44:55:66  | it has 20 characters, not 17",
        "00-11-22-33-44-55     | character 3 must be ':'",
        "00:11:22:33:44:5g     | character 17 is not a hex digit",
        "0:1:2:3:4:5           | it has 11 characters, not 17",
        "' 00:11:22:33:44:55'  | it has 18 characters, not 17",
        "'00:11:22: 3:44:55'   | character 10 is not a hex digit",
        "'00:11:22:33:44:55\t' | it has 18 characters, not 17",
        "０0:11:22:33:44:55     | character 1 is not a hex digit",
        "00:11:22:33:44:５５     | character 16 is not a hex digit",
    })
    void malformedTextIsRejectedSayingWhatIsWrong(String text, String fragment) {
        assertThat(EntityId.problemWith(text)).isEqualTo(fragment);
        assertThatThrownBy(() -> EntityId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(fragment)
                .hasMessageContaining(text == null ? "(none)" : "'" + text + "'")
                .hasMessageContaining("e.g. 00:11:22:33:44:55");
    }

    @Test
    void equalIdsAreEqualAndHashAlike() {
        EntityId a = EntityId.parse("00:11:22:33:44:55");
        EntityId b = EntityId.parse("00:11:22:33:44:55");
        EntityId c = EntityId.parse("00:11:22:33:44:56");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a.compareTo(b)).isZero();
    }

    @Test
    void idsSortByTheirBytes() {
        List<EntityId> ids = new ArrayList<>(List.of(
                EntityId.parse("ff:00:00:00:00:00"),
                EntityId.parse("00:00:00:00:00:01"),
                EntityId.parse("80:00:00:00:00:00"),
                EntityId.parse("00:00:00:00:01:00")));
        Collections.sort(ids);
        assertThat(ids).extracting(EntityId::toString).containsExactly(
                "00:00:00:00:00:01", "00:00:00:00:01:00", "80:00:00:00:00:00", "ff:00:00:00:00:00");
        assertThat(EntityId.parse("00:00:00:00:00:01").compareTo(EntityId.parse("00:00:00:00:00:02"))).isNegative();
        assertThat(EntityId.parse("ff:00:00:00:00:00").compareTo(EntityId.parse("00:00:00:00:00:02"))).isPositive();
    }
}
