package org.statefed.it.container;

import java.nio.file.Path;
import java.util.Objects;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jxmpp.jid.parts.Localpart;
import org.statefed.it.fixture.XmppServer;
import org.testcontainers.containers.GenericContainer;

/**
 * An XMPP server running in a started Docker container, seen through its mapped c2s port: just what
 * {@link org.statefed.it.Cluster} needs. Accounts are made by in-band registration (XEP-0077), which both
 * Openfire and Tigase allow by default, so no admin tool inside the container is needed. A container is not
 * restarted on the same ports, so {@link #start()} is refused.
 */
final class ContainerXmppServer implements XmppServer {
    static final int CLIENT_PORT = 5222;

    private final String kind;
    private final String domain;
    private final String pubsubService;
    private final GenericContainer<?> container;
    private final Path logDir;

    ContainerXmppServer(String kind, String domain, String pubsubService, GenericContainer<?> container, Path logDir) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.pubsubService = Objects.requireNonNull(pubsubService, "pubsubService");
        this.container = Objects.requireNonNull(container, "container");
        this.logDir = Objects.requireNonNull(logDir, "logDir");
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String domain() {
        return domain;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int clientPort() {
        return container.getMappedPort(CLIENT_PORT);
    }

    @Override
    public String pubsubService() {
        return pubsubService;
    }

    @Override
    public void createAccount(String localpart, String password) {
        XMPPTCPConnection connection = null;
        try {
            XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(domain).setHost(host()).setPort(clientPort())
                    .setSecurityMode(SecurityMode.disabled).build();
            connection = new XMPPTCPConnection(config);
            connection.connect();
            AccountManager accounts = AccountManager.getInstance(connection);
            // Plaintext on a loopback-mapped port of a throwaway container.
            accounts.sensitiveOperationOverInsecureConnection(true);
            accounts.createAccount(Localpart.from(localpart), password);
        } catch (Exception e) {
            throw new IllegalStateException(kind + ": could not register " + localpart + "@" + domain
                    + " in-band; container log:\n" + container.getLogs(), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public void kill() {
        container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException(kind + " container: a restart would map new ports");
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        container.stop();
    }
}
