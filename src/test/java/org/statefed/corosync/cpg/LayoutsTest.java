package org.statefed.corosync.cpg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written x86_64 layouts of cpg.h: struct cpg_name, struct cpg_address arrays, cs_error_t. */
class LayoutsTest {

    @Test
    void cpgNameIsALengthThenTheBytesWithoutNul() {
        Memory name = CpgNames.write("asterisk");
        assertThat(name.size()).isEqualTo(4 + 128);
        assertThat(name.getInt(0)).isEqualTo(8);
        assertThat(name.getByteArray(4, 9)).containsExactly('a', 's', 't', 'e', 'r', 'i', 's', 'k', 0);
        assertThat(CpgNames.read(name)).isEqualTo("asterisk");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|must not be empty",
        "a\u0000b|must not contain NUL",
    })
    void badGroupNamesAreRefusedWithTheReason(String name, String reason) {
        assertThat(CpgNames.problem(name)).contains(reason);
    }

    @Test
    void groupNamesUpTo128BytesAreAccepted() {
        assertThat(CpgNames.problem("g".repeat(128))).isNull();
        assertThat(CpgNames.problem("g".repeat(129))).contains("129 bytes; the maximum is 128");
    }

    @Test
    void cpgAddressArraysAreThreeUint32PerEntry() {
        Memory array = new Memory(2 * 12);
        array.setInt(0, 1);
        array.setInt(4, 17247);
        array.setInt(8, 1);
        array.setInt(12, 0xfffffffe);
        array.setInt(16, 17356);
        array.setInt(20, 5);
        assertThat(CpgGroup.addresses(array, new NativeLong(2))).containsExactly(
                new CpgAddress(new CpgMember(1, 17247), ConfchgReason.JOIN),
                new CpgAddress(new CpgMember(0xfffffffeL, 17356), ConfchgReason.PROCDOWN));
        assertThat(CpgGroup.addresses(null, new NativeLong(0))).isEqualTo(List.of());
    }

    @ParameterizedTest
    @CsvSource({"1,CS_OK", "2,CS_ERR_LIBRARY", "6,CS_ERR_TRY_AGAIN", "30,CS_ERR_TOO_MANY_GROUPS",
        "100,CS_ERR_SECURITY", "29,UNKNOWN", "0,UNKNOWN"})
    void csErrorCodesAreCorotypesValues(int code, CsError error) {
        assertThat(CsError.of(code)).isEqualTo(error);
    }

    @Test
    void aMissingLibcpgNamesTheDebianPackageToInstall() {
        assertThatThrownBy(() -> LibCpg.load("libcpg-statefed-absent.so.4"))
                .isInstanceOfSatisfying(CpgException.class, e -> assertThat(e.error()).isEmpty())
                .hasMessageContaining("libcpg-statefed-absent.so.4").hasMessageContaining("Debian package libcpg4");
    }

    @Test
    void anUnknownCodeKeepsItsNumberInTheMessage() {
        assertThat(CpgException.of("cpg_join", "asterisk", 29).getMessage()).contains("cs_error_t 29");
    }

    @ParameterizedTest
    @CsvSource({"0,UNDEFINED", "1,JOIN", "2,LEAVE", "3,NODEDOWN", "4,NODEUP", "5,PROCDOWN", "6,UNDEFINED"})
    void confchgReasonsAreCpgReasonValues(int value, ConfchgReason reason) {
        assertThat(ConfchgReason.of(value)).isEqualTo(reason);
    }
}
