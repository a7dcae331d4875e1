package org.statefed.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.statefed.app.Cli;
import org.statefed.config.ClientConfig;
import org.statefed.config.ConfigReader;
import org.statefed.config.StatefedConfig;

/**
 * docker-compose.yml, checked without a Docker engine: it parses, every file it mounts exists, every site's
 * jabber.conf passes check-config and points at the XMPP service with accounts, ports, buddies, entity ids and
 * the PubSub service that agree with the Prosody configuration and with each other.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String SITE_CONFIG = "/etc/statefed/jabber.conf";
    private static final String PROSODY_CONFIG = "/etc/prosody/prosody.cfg.lua";

    private static ComposeFile compose;
    private static String xmpp;
    private static ProsodyConfigFile prosody;
    private static Map<String, StatefedConfig> sites;

    @BeforeAll
    static void readEverything() throws Exception {
        compose = ComposeFile.read(ROOT.resolve("docker-compose.yml"));
        List<String> servers = compose.servicesOfImage("prosodyim/prosody:");
        assertThat(servers).as("one Prosody service").hasSize(1);
        xmpp = servers.get(0);
        prosody = ProsodyConfigFile.read(compose.mounted(xmpp, PROSODY_CONFIG).orElseThrow(
                () -> new AssertionError(xmpp + " mounts nothing at " + PROSODY_CONFIG)));
        sites = new LinkedHashMap<>();
        for (String service : compose.services().keySet()) {
            var config = compose.mounted(service, SITE_CONFIG);
            if (config.isPresent()) {
                sites.put(service, new ConfigReader().read(config.get()));
            }
        }
    }

    @Test
    void composeRunsOneXmppServerAndThreeStatefedSites() {
        assertThat(sites.keySet()).containsExactly("site-a", "site-b", "site-c");
        assertThat(compose.services().keySet()).containsExactlyInAnyOrder(xmpp, "site-a", "site-b", "site-c");
        for (String site : sites.keySet()) {
            assertThat(compose.services().get(site)).containsEntry("build", ".").containsEntry("image", "statefed:latest");
            assertThat(compose.list(site, "depends_on")).contains(xmpp);
        }
    }

    @Test
    void everyFileAServiceMountsExists() {
        for (String service : compose.services().keySet()) {
            assertThat(compose.mounts(service).values()).as("files mounted by %s", service)
                    .isNotEmpty().allSatisfy(file -> assertThat(file).isRegularFile());
        }
    }

    @Test
    void theXmppServiceRunsTheMountedScriptThatRegistersAccounts() {
        List<Object> entrypoint = compose.list(xmpp, "entrypoint");
        assertThat(entrypoint).hasSize(2);
        assertThat(compose.mounted(xmpp, entrypoint.get(1).toString())).as("script mounted at %s", entrypoint.get(1))
                .hasValueSatisfying(script -> assertThat(script).isRegularFile());
        assertThat(compose.list(xmpp, "expose")).containsExactly(Integer.toString(prosody.clientPort()));
    }

    @Test
    void everySitesConfigurationPassesCheckConfig() {
        for (String site : sites.keySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Cli.standard().run(new String[] {"check-config", "-c",
                    compose.mounted(site, SITE_CONFIG).orElseThrow().toString()}, print(out), print(err));
            String errors = err.toString(StandardCharsets.UTF_8);
            if (status != 0 && !Files.isDirectory(Path.of("/var/lib/statefed"))) {
                // state_file's default directory is the image's (Dockerfile); this machine may not have it.
                assertThat(errors).as("check-config of %s", site).contains(
                        "[general] state_file = /var/lib/statefed/state.db: its directory /var/lib/statefed does not exist")
                        .containsOnlyOnce("\n1 error in ");
                continue;
            }
            assertThat(status).as("check-config of %s: %s", site, errors).isZero();
        }
    }

    @Test
    void everySiteConnectsToTheXmppServiceOnProsodysPortWithTheAccountItRegisters() {
        String domain = compose.environment(xmpp, "STATEFED_DOMAIN");
        Map<String, String> registered = new HashMap<>();
        for (String account : compose.environment(xmpp, "STATEFED_ACCOUNTS").split(" ")) {
            String[] localpartAndPassword = account.split(":", 2);
            registered.put(localpartAndPassword[0] + "@" + domain, localpartAndPassword[1]);
        }
        assertThat(domain).isEqualTo(prosody.virtualHost());
        for (var site : sites.entrySet()) {
            ClientConfig client = onlyClient(site.getValue());
            assertThat(client.serverHost()).as("%s serverhost", site.getKey()).isEqualTo(xmpp);
            assertThat(client.port()).as("%s port", site.getKey()).isEqualTo(prosody.clientPort());
            assertThat(client.jid().getDomain().toString()).as("%s domain", site.getKey()).isEqualTo(domain);
            assertThat(registered).as("accounts the xmpp service registers")
                    .containsEntry(client.jid().toString(), client.secret());
        }
        assertThat(registered).hasSameSizeAs(sites);
    }

    @Test
    void everyBuddyIsAnotherSitesAccount() {
        Map<String, String> jids = new HashMap<>();
        sites.forEach((name, config) -> jids.put(name, onlyClient(config).jid().toString()));
        for (var site : sites.entrySet()) {
            Set<String> others = new HashSet<>(jids.values());
            others.remove(jids.get(site.getKey()));
            assertThat(onlyClient(site.getValue()).buddies()).map(Object::toString).as("%s buddies", site.getKey())
                    .containsExactlyInAnyOrderElementsOf(others);
        }
    }

    @Test
    void everySiteHasItsOwnEntityId() {
        assertThat(sites.values().stream().map(config -> config.general().entityId()).distinct()).hasSize(sites.size());
    }

    @Test
    void everySitePublishesOnProsodysPubsubComponentAsOneOfItsAdmins() {
        for (var site : sites.entrySet()) {
            ClientConfig client = onlyClient(site.getValue());
            assertThat(client.pubsubService()).as("%s pubsub_node", site.getKey())
                    .hasToString(prosody.pubsubComponent());
            assertThat(prosody.pubsubAdmins()).as("pubsub admins in the Prosody configuration")
                    .contains(client.jid().toString());
        }
    }

    @Test
    void theImageRunsTheSiteConfigurationTheComposeFileMounts() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));

        assertThat(dockerfile).contains("FROM maven:3.8-eclipse-temurin-17 AS build")
                .contains("FROM eclipse-temurin:17-jre")
                .contains("USER statefed")
                .contains("ENTRYPOINT [\"statefed\", \"run\", \"-c\", \"" + SITE_CONFIG + "\"]");
    }

    private static ClientConfig onlyClient(StatefedConfig config) {
        assertThat(config.distributingClients()).as("client sections of %s", config.file()).hasSize(1);
        return config.distributingClients().get(0);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
