package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtensionStateTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ONHOLD,      Hold",
        "BUSY,        Busy",
        "UNKNOWN,     Idle",
        "NOT_INUSE,   Idle",
        "UNAVAILABLE, Unavailable",
        "INVALID,     Unavailable",
        "RINGINUSE,   InUse&Ringing",
        "RINGING,     Ringing",
        "INUSE,       InUse",
    })
    void deviceStateMapsToExtensionStateAsAsteriskDoes(DeviceState device, String extension) {
        assertThat(ExtensionState.fromDeviceState(device).displayName()).isEqualTo(extension);
    }

    @Test
    void everyDeviceStateHasAMapping() {
        for (DeviceState state : DeviceState.values()) {
            assertThat(ExtensionState.fromDeviceState(state)).as("%s", state).isNotNull();
        }
    }

    @Test
    void displayNamesAreAsterisks() {
        assertThat(Arrays.stream(ExtensionState.values()).map(ExtensionState::displayName))
                .containsExactly("Idle", "InUse", "Busy", "Unavailable", "Ringing", "InUse&Ringing", "Hold",
                        "InUse&Hold");
        assertThat(ExtensionState.INUSE_RINGING.toString()).isEqualTo("InUse&Ringing");
    }
}
