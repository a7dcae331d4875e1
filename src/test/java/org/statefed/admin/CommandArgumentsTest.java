package org.statefed.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wrong arguments print the usage and fail; unknown commands say so and suggest the nearest. */
class CommandArgumentsTest {
    private final FakeNode node = new FakeNode();
    private final CommandRegistry registry = CommandRegistry.standard(node);

    CommandArgumentsTest() {
        node.addSite("asterisk", "server1@localhost/astvoip1");
        node.addSite("backup", "server1@backup.example.com");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jabber show connected now | Unexpected argument 'now'. | Usage: jabber show connected",
        "xmpp show buddies all | Unexpected argument 'all'. | Usage: jabber show buddies",
        "devstate list x | Unexpected argument 'x'. | Usage: devstate list [like PATTERN]",
        "devstate change | Usage: devstate change DEVICE STATE | ",
        "devstate change Custom:a | Usage: devstate change DEVICE STATE | ",
        "devstate change Custom:a INUSE extra | Usage: devstate change DEVICE STATE | ",
        "devstate change Custom:a FOO | Invalid state 'FOO'. | Usage: devstate change DEVICE STATE",
        "core show hints all | Unexpected argument 'all'. | Usage: core show hints",
        "mwi list x | Unexpected argument 'x'. | Usage: mwi list",
        "mwi update 1234@default 1 | Usage: mwi update MAILBOX@CONTEXT NEW OLD | ",
        "mwi update 1234 1 2 | Invalid mailbox '1234': it is not of the form mailbox@context. | Usage: mwi update",
        "mwi update @default 1 2 | Invalid mailbox '@default': it is not of the form mailbox@context. | Usage: mwi",
        "mwi update 1234@default x 2 | Invalid NewMessages: 'x'. | Usage: mwi update MAILBOX@CONTEXT NEW OLD",
        "mwi update 1234@default 1 -2 | Invalid OldMessages: '-2'. | Usage: mwi update MAILBOX@CONTEXT NEW OLD",
        "mwi update 1234@default 1 99999999999 | Invalid OldMessages: '99999999999'. | Usage: mwi update",
        "core show settings x | Unexpected argument 'x'. | Usage: core show settings",
        "core show stats x | Unexpected argument 'x'. | Usage: core show stats",
        "xmpp list nodes | This node has 2 accounts (asterisk, backup); name the one to use. | Usage: xmpp list",
        "xmpp list nodes asterisk x | Usage: xmpp list nodes [CONNECTION] | ",
        "xmpp purge nodes | This node has 2 accounts (asterisk, backup); name the one to use. | Usage: xmpp purge",
        "xmpp purge nodes a b c | Usage: xmpp purge nodes [CONNECTION] [NODE] | ",
        "xmpp delete node | Usage: xmpp delete node [CONNECTION] NODE | ",
        "xmpp delete node a b c | Usage: xmpp delete node [CONNECTION] NODE | ",
        "xmpp create leaf | Usage: xmpp create leaf [CONNECTION] NODE | ",
        "devstate change \"Custom:a INUSE | unterminated quote in: devstate change \"Custom:a INUSE | "})
    void wrongArgumentsPrintTheUsageAndFail(String line, String first, String second) {
        CommandResult result = registry.execute(line);

        assertThat(result.status()).isEqualTo(CommandStatus.USAGE);
        assertThat(result.output()).startsWith(first + "\n" + (second == null ? "" : second));
        assertThat(node.devices().snapshot()).isEmpty();
        assertThat(node.mailboxes().snapshot()).isEmpty();
    }

    /** Issue 10 #16: names that could pass for another on a screen are refused, and never echoed raw. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "devstate change SIP/100\u202e1 BUSY | Invalid device name: it has an invisible or direction-changing"
                + " character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 8.",
        "devstate change SIP/\u200b100 BUSY | Invalid device name: it has an invisible or direction-changing"
                + " character (U+200B ZERO WIDTH SPACE) at position 5.",
        "devstate change \"SIP/100\u00a0\" BUSY | Invalid device name: it has an invisible or direction-changing"
                + " character (U+00A0 NO-BREAK SPACE) at position 8.",
        "mwi update 100\u2066@default 1 0 | Invalid mailbox '100\\u2066@default': it has an invisible or"
                + " direction-changing character (U+2066 LEFT-TO-RIGHT ISOLATE) at position 4.",
        "mwi update 100@def\ufeffault 1 0 | Invalid mailbox '100@def\\ufeffault': it has an invisible or"
                + " direction-changing character (U+FEFF ZERO WIDTH NO-BREAK SPACE) at position 8."})
    void lookAlikeNamesAreRefusedWithAClearError(String line, String first) {
        CommandResult result = registry.execute(line);

        assertThat(result.status()).isEqualTo(CommandStatus.USAGE);
        assertThat(result.output()).startsWith(first + "\nUsage: ");
        assertThat(node.devices().snapshot()).isEmpty();
        assertThat(node.mailboxes().snapshot()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "core show hint | No such command 'core show hint'; did you mean 'core show hints'?",
        "core shw hints | No such command 'core shw hints'; did you mean 'core show hints'?",
        "devstat list | No such command 'devstat list'; did you mean 'devstate list'?",
        "devstate chnage Custom:a INUSE | No such command 'devstate chnage Custom:a INUSE'; did you mean"
                + " 'devstate change'?",
        "xmpp show conections | No such command 'xmpp show conections'; did you mean 'xmpp show connections'?",
        "core show | No such command 'core show'; commands that begin so: core show hints, core show settings,"
                + " core show stats.",
        "devstate | No such command 'devstate'; commands that begin so: devstate change, devstate list.",
        "reload | No such command 'reload'."})
    void unknownCommandsSaySoAndSuggestTheNearest(String line, String message) {
        CommandResult result = registry.execute(line);

        assertThat(result.status()).isEqualTo(CommandStatus.UNKNOWN_COMMAND);
        assertThat(result.output()).isEqualTo(message + " Type 'help' for the list of commands.\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CORE SHOW HINTS", "Core Show Hints", "  core   show\thints  ", "JABBER show CONNECTED", "Help"})
    void commandWordsMatchIgnoringCaseAndSpacing(String line) {
        assertThat(registry.execute(line).status()).isEqualTo(CommandStatus.SUCCESS);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"help core show hintz | No such command 'core show hintz'; did you mean"
            + " 'core show hints'? Type 'help' for the list of commands."})
    void helpOnAnUnknownCommandFails(String line, String message) {
        CommandResult result = registry.execute(line);

        assertThat(result.status()).isEqualTo(CommandStatus.FAILURE);
        assertThat(result.output()).isEqualTo(message + "\n");
    }

    @ParameterizedTest(name = "[{index}]")
    @CsvSource(delimiter = '|', value = {"''", "'   '"})
    void anEmptyLineDoesNothing(String line) {
        CommandResult result = registry.execute(line);

        assertThat(result.status()).isEqualTo(CommandStatus.SUCCESS);
        assertThat(result.output()).isEmpty();
    }
}
