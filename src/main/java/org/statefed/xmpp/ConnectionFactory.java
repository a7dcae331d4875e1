package org.statefed.xmpp;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.parts.Resourcepart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.CaCertificates;
import org.statefed.config.ClientConfig;

/**
 * Builds the Smack connection for one client section: connect to {@code serverhost:port}, the XMPP
 * domain from the JID, STARTTLS required with certificate checks when {@code usetls=yes} (system trust
 * store plus {@code tls_ca_file}), SCRAM preferred over PLAIN.
 */
final class ConnectionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFactory.class);
    /** SCRAM first; PLAIN only ever travels inside TLS unless the operator turned TLS off. */
    private static final List<String> SASL_MECHANISMS = List.of("SCRAM-SHA-1", "PLAIN");

    private ConnectionFactory() {
    }

    /**
     * @param sockets makes the connection's TCP sockets (so that a stop can close them)
     * @param unknownRequests takes IQ requests Smack cannot parse, on Smack's reader thread (see
     *     {@link StatefedTcpConnection})
     */
    static XMPPTCPConnection create(ClientConfig client, String generatedResource, SocketFactory sockets,
            BiConsumer<XMPPTCPConnection, IQ> unknownRequests) {
        try {
            XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(client.jid().asDomainBareJid())
                    .setHost(client.serverHost())
                    .setPort(client.port())
                    .setUsernameAndPassword(client.jid().getLocalpart().toString(), client.secret())
                    .setResource(client.resource().orElse(Resourcepart.from(generatedResource)))
                    .setSendPresence(false)
                    .setSocketFactory(sockets)
                    .addEnabledSaslMechanism(SASL_MECHANISMS);
            if (client.useTls()) {
                builder.setSecurityMode(SecurityMode.required);
                if (client.tlsCaFile().isPresent()) {
                    builder.setCustomX509TrustManager(trustingSystemAnd(client.tlsCaFile().get()));
                }
            } else {
                builder.setSecurityMode(SecurityMode.disabled);
                LOG.warn("[{}] usetls=no: the connection to {}:{} is NOT encrypted and the password travels in "
                        + "plain text; use this on loopback or a trusted network only", client.name(),
                        client.serverHost(), client.port());
            }
            if (!client.useSasl()) {
                LOG.warn("[{}] usesasl=no: statefed supports only SASL authentication (legacy jabber:iq:auth is "
                        + "obsolete since 2012); logging in with SASL anyway", client.name());
            }
            XMPPTCPConnection connection = new StatefedTcpConnection(builder.build(), unknownRequests);
            // A resumable stream makes the server hold a dead site's session (ejabberd: 300 s), so its buddies
            // hear no "unavailable" and cannot drop its states; each reconnect is a fresh session instead,
            // and the session set-up resyncs everything a resumption would have replayed.
            connection.setUseStreamManagementResumption(false);
            connection.setReplyTimeout(Math.max(1000, client.timeout().toMillis()));
            return connection;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("[" + client.name() + "] cannot use tls_ca_file "
                    + client.tlsCaFile().orElse(null) + ": " + e.getMessage(), e);
        }
    }

    /** Trusts what the system trust store trusts, plus the certificates in {@code caFile} (PEM or DER). */
    static X509TrustManager trustingSystemAnd(Path caFile) throws IOException, GeneralSecurityException {
        X509TrustManager system = defaultTrustManager(null);
        KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
        extra.load(null, null);
        // The same reading as check-config's: bounded, regular files only, at least one certificate.
        List<X509Certificate> certificates = CaCertificates.load(caFile);
        int i = 0;
        for (X509Certificate certificate : certificates) {
            extra.setCertificateEntry("tls_ca_file-" + i++, certificate);
        }
        X509TrustManager custom = defaultTrustManager(extra);
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                system.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    custom.checkServerTrusted(chain, authType);
                } catch (CertificateException notByCustom) {
                    system.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
                all.addAll(List.of(custom.getAcceptedIssuers()));
                return all.toArray(new X509Certificate[0]);
            }
        };
    }

    private static X509TrustManager defaultTrustManager(KeyStore keyStore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager available");
    }
}
