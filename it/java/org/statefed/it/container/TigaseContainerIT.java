package org.statefed.it.container;

import java.nio.file.Files;
import java.time.Duration;

import org.statefed.it.fixture.XmppServer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Issue 13 on Tigase ({@code tigase/tigase-xmpp-server}): three sites in every layout. The image starts its
 * web installer unless etc/config.tdsl says otherwise; the test's config.tdsl (see tigase-config.tdsl) makes
 * it create its Derby schema and run. Skipped without a Docker engine; never run on the machine it was
 * written on (no Docker there).
 */
class TigaseContainerIT extends ContainerScenario {
    static final DockerImageName IMAGE = DockerImageName.parse("tigase/tigase-xmpp-server:8.3.0");
    /** Schema creation on Derby, then the server; a cold JVM on a loaded machine. */
    private static final Duration STARTUP = Duration.ofMinutes(3);

    @Override
    XmppServer startServer() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withExposedPorts(ContainerXmppServer.CLIENT_PORT)
                .withEnv("ADMIN_JID", "admin@localhost")
                .withEnv("ADMIN_PASSWORD", "statefed-tigase-admin")
                .withCopyFileToContainer(MountableFile.forClasspathResource(
                        "org/statefed/it/container/tigase-config.tdsl"), "/home/tigase/tigase-server/etc/config.tdsl")
                .waitingFor(Wait.forListeningPort().withStartupTimeout(STARTUP));
        container.start();
        try {
            return new ContainerXmppServer("Tigase", "localhost", "pubsub.localhost", container,
                    Files.createTempDirectory("statefed-tigase-"));
        } catch (java.io.IOException e) {
            container.stop();
            throw new java.io.UncheckedIOException(e);
        }
    }
}
