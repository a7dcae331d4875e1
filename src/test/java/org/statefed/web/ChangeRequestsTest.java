package org.statefed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.statefed.admin.DeviceChange;
import org.statefed.admin.MailboxChange;
import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;

/** The bodies of the API's writes: the admin commands' checks and words, and the field at fault. */
class ChangeRequestsTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aDeviceChangeTakesTheStateInAnyCase() throws ApiException {
        assertThat(ChangeRequests.device(utf8("{\"device\":\"Custom:front door\",\"state\":\"ringinuse\"}")))
                .isEqualTo(new DeviceChange("Custom:front door", DeviceState.RINGINUSE));
    }

    @Test
    void aMailboxChangeTakesNumbersOrStringsOfDigits() throws ApiException {
        assertThat(ChangeRequests.mailbox(utf8("{\"mailbox\":\"1000@default\",\"new\":\"3\",\"old\":0}")))
                .isEqualTo(new MailboxChange("1000@default", new MwiCounts(3, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{\"device\":\"SIP/1\",\"state\":\"PURPLE\"}         | state  | Invalid state 'PURPLE'.",
        "{\"device\":\"SIP/1\",\"state\":null}               | state  | Invalid state (none).",
        "{\"device\":\"SIP/1\",\"state\":3}                  | state  | must be a string",
        "{\"device\":\"\",\"state\":\"INUSE\"}               | device | Invalid device name: it is empty.",
        "{\"state\":\"INUSE\"}                               | device | Invalid device name: it is missing.",
        "{\"device\":\"a\",\"state\":\"INUSE\",\"x\":1}      | x      | unknown field; the fields are device, state",
        "{\"device\":{\"a\":[[[[[[[[[1]]]]]]]]]},\"state\":1} |       | the body is not valid JSON",
        "\"INUSE\"                                          |        | the body must be a JSON object with the fields device, state",
    })
    void deviceRefusalsNameTheField(String body, String field, String message) {
        ApiException e = catchThrowableOfType(() -> ChangeRequests.device(utf8(body)), ApiException.class);

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.field().orElse(null)).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{\"mailbox\":\"1000\",\"new\":1,\"old\":0}       | mailbox | Invalid mailbox '1000': it is not of the form mailbox@context.",
        "{\"mailbox\":\"a@b@c\",\"new\":1,\"old\":0}      | mailbox | Invalid mailbox 'a@b@c': it is not of the form mailbox@context.",
        "{\"mailbox\":\"1@d\",\"new\":-1,\"old\":0}       | new     | Invalid NewMessages: '-1'.",
        "{\"mailbox\":\"1@d\",\"new\":1}                  | old     | Invalid OldMessages: (none).",
        "{\"mailbox\":\"1@d\",\"new\":1,\"old\":1e3}      | old     | must be a whole number from 0",
        "{\"mailbox\":\"1@d\",\"new\":99999999999,\"old\":0} | new  | Invalid NewMessages: '99999999999'.",
    })
    void mailboxRefusalsNameTheField(String body, String field, String message) {
        ApiException e = catchThrowableOfType(() -> ChangeRequests.mailbox(utf8(body)), ApiException.class);

        assertThat(e.field()).contains(field);
        assertThat(e.getMessage()).isEqualTo(message);
    }
}
