package org.statefed.it.container;

import java.nio.file.Files;
import java.time.Duration;

import org.statefed.it.fixture.XmppServer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Issue 13 on Openfire ({@code igniterealtime/openfire}): three sites in every layout. Openfire has no
 * {@code member} affiliation, so the per-site layout runs on the plan the server keeps (presence access).
 * Skipped without a Docker engine; never run on the machine it was written on (no Docker there).
 */
class OpenfireContainerIT extends ContainerScenario {
    static final DockerImageName IMAGE = DockerImageName.parse("igniterealtime/openfire:v4.9.2");
    /** Autosetup creates the embedded database on first start; a cold JVM on a loaded machine. */
    private static final Duration STARTUP = Duration.ofMinutes(3);

    @Override
    XmppServer startServer() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withExposedPorts(ContainerXmppServer.CLIENT_PORT)
                // The entrypoint copies conf_org to the data directory on first start (see openfire.xml).
                .withCopyFileToContainer(MountableFile.forClasspathResource("org/statefed/it/container/openfire.xml"),
                        "/usr/local/openfire/conf_org/openfire.xml")
                .waitingFor(Wait.forListeningPort().withStartupTimeout(STARTUP));
        container.start();
        try {
            return new ContainerXmppServer("Openfire", "localhost", "pubsub.localhost", container,
                    Files.createTempDirectory("statefed-openfire-"));
        } catch (java.io.IOException e) {
            container.stop();
            throw new java.io.UncheckedIOException(e);
        }
    }
}
