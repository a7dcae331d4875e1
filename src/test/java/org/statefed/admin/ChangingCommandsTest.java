package org.statefed.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which typed lines the admin socket logs at INFO as changes (the audit trail): those that change something. */
class ChangingCommandsTest {
    private final CommandRegistry registry = CommandRegistry.standard(new FakeNode(Map.of()));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "devstate change Custom:a INUSE     | true",
        "devstate change                    | true",
        "mwi update 1@d 1 0                 | true",
        "xmpp delete node asterisk x         | true",
        "xmpp create leaf asterisk x         | true",
        "xmpp purge nodes asterisk           | true",
        "devstate list                      | false",
        "core show stats                    | false",
        "mwi list                           | false",
        "help devstate change               | false",
        "no such command                    | false",
        "devstate change \"unterminated     | false",
    })
    void linesThatChangeSomethingAreAudited(String line, boolean audited) {
        assertThat(registry.changesState(line)).isEqualTo(audited);
    }
}
