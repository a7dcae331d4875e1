package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.config.PubsubLayout;
import org.statefed.demo.server.ManagedProsody;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.xmpp.LinkState;

/**
 * usetls=yes against a real prosody offering STARTTLS with a self-signed certificate: trusted through
 * tls_ca_file the sites connect and share states; without it the certificate is refused, never trusted
 * silently.
 */
class TlsIT {
    @TempDir
    Path dir;

    /** Copies what is written to two streams. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }

    /** A self-signed certificate for {@code localhost} made with openssl (PEM certificate and key). */
    private Path[] selfSignedCertificate() throws Exception {
        Path cert = dir.resolve("localhost.crt");
        Path key = dir.resolve("localhost.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,DNS:pubsub.localhost")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl").isZero();
        return new Path[] {cert, key};
    }

    private XmppServer prosodyWithTls(Path[] certificate) {
        XmppServer server = XmppServers.prosody(new ServerOptions(List.of("site1", "site2"), false, 10_000));
        ((ManagedProsody) server).installCertificate(certificate[0], certificate[1]);
        server.stop();
        server.start();
        return server;
    }

    @Test
    void sitesTrustingThePrivateCaConnectOverTlsAndShareStates() throws Exception {
        Path[] certificate = selfSignedCertificate();
        try (XmppServer server = prosodyWithTls(certificate);
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of())
                        .withTls(Optional.of(certificate[0]))) {
            cluster.startAll();
            cluster.awaitReady(Duration.ofSeconds(20));
            cluster.node("site1").changeDeviceState("SIP/100", DeviceState.INUSE);
            Cluster.awaitAggregates(Duration.ofSeconds(20), cluster.nodes(), Map.of("SIP/100", DeviceState.INUSE));
        }
    }

    @Test
    void aCertificateTheSystemStoreDoesNotTrustIsRefused() throws Exception {
        Path[] certificate = selfSignedCertificate();
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (XmppServer server = prosodyWithTls(certificate);
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of()).withTls(Optional.empty())) {
            System.setErr(new PrintStream(new TeeOutputStream(stderr, log), true, StandardCharsets.UTF_8));
            cluster.start("site1");
            assertThatThrownBy(() -> Await.until(Duration.ofSeconds(5), () -> cluster.node("site1").sites().get(0)
                    .linkState() == LinkState.CONNECTED, () -> "not connected, as it must not"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("not connected, as it must not");
            assertThat(log.toString(StandardCharsets.UTF_8))
                    .contains("[asterisk] the TLS certificate of 127.0.0.1:" + server.clientPort() + " is not trusted")
                    .contains("set tls_ca_file");
        } finally {
            System.setErr(stderr);
        }
    }
}
