package org.statefed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.config.HttpConfig;

/** {@code http_tls_keystore}: the port speaks HTTPS with the key store's certificate, and only HTTPS. */
class TlsWebServerTest {
    private static final String PASSWORD = "keystore-pw";
    private static final String TOKEN = "tls-token-0123456789";

    @Test
    void withAKeystoreTheApiIsServedOverHttpsOnly(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("web.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        HttpConfig config = new HttpConfig(Optional.of(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0)),
                Optional.of(TOKEN), Optional.of(keystore), Optional.of(PASSWORD));
        WebServer server = new WebServer(new TableWebNode(Clock.systemUTC()), config);
        server.start();
        try {
            URI base = server.uri();
            assertThat(base.getScheme()).isEqualTo("https");
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(keystore)).build();

            HttpResponse<String> response = https.send(HttpRequest.newBuilder(base.resolve("/api/counters"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            URI plain = URI.create("http://127.0.0.1:" + base.getPort() + "/api/counters");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).header(
                    "Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isInstanceOf(IOException.class);
        } finally {
            server.stop();
        }
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
