package org.statefed.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
import org.statefed.it.admin.Statefed;
import org.statefed.it.fixture.ServerOptions;
import org.statefed.it.fixture.XmppServer;
import org.statefed.it.fixture.XmppServers;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/**
 * usetls=yes against a real prosody offering STARTTLS with a self-signed certificate: trusted through
 * tls_ca_file the sites connect and share states; without it the certificate is refused, never trusted
 * silently.
 */
class TlsIT {
    @TempDir
    Path dir;

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

    /**
     * Run as a {@code bin/statefed run} process so that its own stderr is what is read: the test swaps
     * no global stream and can run beside others.
     */
    @Test
    void aCertificateTheSystemStoreDoesNotTrustIsRefused() throws Exception {
        Path[] certificate = selfSignedCertificate();
        try (XmppServer server = prosodyWithTls(certificate);
                Cluster cluster = new Cluster(server, PubsubLayout.PER_SITE, 2, Map.of()).withTls(Optional.empty())) {
            Path config = Files.writeString(dir.resolve("jabber.conf"), cluster.jabberConf("site1",
                    EntityId.parse("00:11:22:33:44:01"), dir.resolve("statefed.sock").toString(), List.of()));
            Path log = dir.resolve("statefed.log");
            Process process = Statefed.launch(log, "run", "-c", config.toString());
            try {
                // JVM start plus one connection attempt; the refusal is retried with backoff.
                Await.until(Duration.ofSeconds(30), () -> read(log).contains("next connection attempt in"),
                        () -> "no failed attempt reported; log:\n" + read(log));
                assertThat(read(log))
                        .contains("[asterisk] the TLS certificate of 127.0.0.1:" + server.clientPort() + " is not trusted")
                        .contains("set tls_ca_file")
                        .doesNotContain("logged in as")
                        .doesNotContain(Cluster.PASSWORD);
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
