package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 #14 and #9: files that crashed or hung the reader, and values that pass for valid but
 * leave a node that can never connect. Each is one clear line from check-config (and so from run).
 */
class HostileConfigFilesTest {
    private static final String MINIMAL = """
            [general]
            entityid = 00:11:22:33:44:01

            [asterisk]
            serverhost = xmpp.example.com
            username = server1@example.com
            secret = s3cret
            """;
    private static final String CONFIG_FILE = "must be the configuration file itself, e.g. /etc/asterisk/jabber.conf";
    private static final String CA_FILE = "must be a PEM (or DER) file with the CA certificate(s) to trust";

    @TempDir
    Path dir;
    private ConfigFiles files;

    @BeforeEach
    void setUp() {
        files = new ConfigFiles(dir);
    }

    private static List<String> errorsReading(Path file) {
        try {
            new ConfigReader(ConfigFiles.NO_MAC).read(file);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::format).toList();
        }
        throw new AssertionError("expected an error reading " + file);
    }

    /** A FIFO in the test directory, or the test is skipped: mkfifo is a coreutils program, not Java. */
    private Path fifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available to make a FIFO: " + e.getMessage());
            throw e;
        }
        assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        return fifo;
    }

    @Test
    void devZeroAsTheConfigurationFileIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");

        assertThat(errorsReading(zero)).containsExactly("/dev/zero: is a character device, not a regular file; "
                + CONFIG_FILE);
    }

    @Test
    void aTwoGigabyteConfigurationFileIsRefusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("huge.conf");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(2L * 1024 * 1024 * 1024);
        }

        assertThat(errorsReading(huge)).containsExactly(huge + ": is 2147483648 bytes long, more than statefed"
                + " reads (1048576 bytes); " + CONFIG_FILE + ": is this the right file?");
    }

    /** Without the kind check, opening the FIFO blocks until a writer comes: the timeout turns a hang into a failure. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAsTheConfigurationFileIsRefusedWithoutHanging() throws Exception {
        Path fifo = fifo("jabber.fifo");

        assertThat(errorsReading(fifo)).containsExactly(fifo + ": is a FIFO (named pipe), not a regular file; "
                + CONFIG_FILE);
    }

    @Test
    void aValidCaFileIsRead() throws Exception {
        Path ca = dir.resolve("ca.pem");
        try (InputStream in = HostileConfigFilesTest.class.getResourceAsStream("test-ca.pem")) {
            Files.copy(in, ca);
        }

        assertThat(files.read(MINIMAL + "tls_ca_file = ca.pem\n").clients().get(0).tlsCaFile()).contains(ca);
        assertThat(CaCertificates.load(ca)).hasSize(1);
    }

    @Test
    void aCaFileThatIsNotACertificateIsAnErrorAsRunWouldFindIt() {
        files.write("ca.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");

        assertThat(files.errorsOf(MINIMAL + "tls_ca_file = ca.pem\n")).singleElement().asString()
                .startsWith("jabber.conf:8: [asterisk] tls_ca_file = ca.pem: holds no readable certificate (")
                .endsWith("); " + CA_FILE);
    }

    @Test
    void aCaFileWithNoCertificateInItIsAnError() {
        files.write("ca.pem", "");

        assertThat(files.errorsOf(MINIMAL + "tls_ca_file = ca.pem\n")).containsExactly(
                "jabber.conf:8: [asterisk] tls_ca_file = ca.pem: holds no certificate; " + CA_FILE);
    }

    @Test
    void devZeroAsTheCaFileIsRefusedWithoutReadingIt() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero on this system");

        assertThat(files.errorsOf(MINIMAL + "tls_ca_file = /dev/zero\n")).containsExactly(
                "jabber.conf:8: [asterisk] tls_ca_file = /dev/zero: is a character device, not a regular file; "
                        + CA_FILE);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoAsTheCaFileIsRefusedWithoutHanging() throws Exception {
        fifo("ca.fifo");

        assertThat(files.errorsOf(MINIMAL + "tls_ca_file = ca.fifo\n")).containsExactly(
                "jabber.conf:8: [asterisk] tls_ca_file = ca.fifo: is a FIFO (named pipe), not a regular file; "
                        + CA_FILE);
    }

    @Test
    void aHugeCaFileIsRefusedWithoutReadingIt() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("ca.pem").toFile(), "rw")) {
            file.setLength(2L * 1024 * 1024 * 1024);
        }

        assertThat(files.errorsOf(MINIMAL + "tls_ca_file = ca.pem\n")).containsExactly(
                "jabber.conf:8: [asterisk] tls_ca_file = ca.pem: is 2147483648 bytes long, more than statefed reads"
                        + " (1048576 bytes); " + CA_FILE + ": is this the right file?");
    }

    /** Issue 10 #16: a hint on a look-alike device could never match what buddies accept. */
    @Test
    void aHintOnALookAlikeDeviceIsAnErrorThatDoesNotPrintIt() {
        List<String> errors = files.errorsOf(MINIMAL + "\n[hints]\n1234@default = SIP/100&SIP/100\u202e1\n");

        assertThat(errors).containsExactly("jabber.conf:10: [hints] 1234@default: device 2 has an invisible or"
                + " direction-changing character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 8; buddies drop such"
                + " names, so write the device name with visible characters only");
    }

    @Test
    void aStatusMessageLongerThanAnyServerTakesIsAnErrorThatDoesNotRepeatIt() {
        String status = "x".repeat(1_000_000);

        assertThat(files.errorsOf(MINIMAL + "statusmessage = " + status + "\n")).containsExactly(
                "jabber.conf:8: [asterisk] statusmessage: has 1000000 characters, more than 1000; it is sent in every"
                        + " presence and XMPP servers refuse stanzas past their size limit (prosody: 256 KiB), so the"
                        + " node could never connect; write a short status line");
    }

    @Test
    void aStatusMessageOfTheLimitIsRead() throws ConfigException {
        String status = "y".repeat(ClientReader.MAX_STATUS_MESSAGE_CHARS);

        assertThat(files.read(MINIMAL + "statusmessage = " + status + "\n").clients().get(0).statusMessage())
                .isEqualTo(status);
    }

    @Test
    void moreBuddiesThanTheLimitIsAnErrorOnTheFirstOneTooMany() {
        String buddies = IntStream.rangeClosed(1, 10_000).mapToObj(i -> "buddy = site" + i + "@example.com\n")
                .collect(Collectors.joining());

        assertThat(files.errorsOf(MINIMAL + buddies)).containsExactly(
                "jabber.conf:508: [asterisk] buddy: this is buddy number 501 of 10000; a client section may have at"
                        + " most 500 (each costs a subscription, an item fetch and part of one size-limited IQ at"
                        + " every connection, so the node would take minutes to get ready or never would); split"
                        + " the sites into smaller clusters, each with its own account and buddies");
    }

    @Test
    void buddiesUpToTheLimitAreRead() throws ConfigException {
        String buddies = IntStream.rangeClosed(1, ClientReader.MAX_BUDDIES)
                .mapToObj(i -> "buddy = site" + i + "@example.com\n").collect(Collectors.joining());

        assertThat(files.read(MINIMAL + buddies).clients().get(0).buddies()).hasSize(ClientReader.MAX_BUDDIES);
    }

    @Test
    void aSecretTooLongToLogInWithIsAnErrorThatNeverShowsIt() {
        String secret = "TopSecret".repeat(200);

        List<String> errors = files.errorsOf(MINIMAL.replace("secret = s3cret", "secret = " + secret));

        assertThat(errors).containsExactly("jabber.conf:7: [asterisk] secret: is longer than 1024 bytes; the server"
                + " would refuse the login stanza, so the node could never connect; use the account's real password");
        assertThat(String.join("\n", errors)).doesNotContain("TopSecret");
    }

    @Test
    void aServerHostLongerThanAnyHostNameIsAnError() {
        String host = "a".repeat(250) + ".com";

        assertThat(files.errorsOf(MINIMAL.replace("serverhost = xmpp.example.com", "serverhost = " + host)))
                .containsExactly("jabber.conf:5: [asterisk] serverhost: has 254 characters, but a host name has at"
                        + " most 253, so it could never be resolved; set the XMPP server's host name or IP address");
    }
}
