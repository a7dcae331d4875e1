package org.statefed.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.statefed.config.ClientConfig;
import org.statefed.config.ConfigReader;
import org.statefed.config.StatefedConfig;

class SiteConfigTextTest {
    @TempDir
    Path dir;

    @Test
    void everySitesConfigurationIsValidWithItsOwnEntityIdAndTheOtherSitesAsBuddies() throws Exception {
        Set<String> entityIds = new HashSet<>();
        for (DemoSite site : DemoSite.ALL) {
            Path file = Files.writeString(dir.resolve(site.account() + ".conf"), SiteConfigText.render(site,
                    "127.0.0.1", 45222, "localhost", "pubsub.localhost", "pw-" + site.account()));

            StatefedConfig config = new ConfigReader().read(file);

            assertThat(config.general().entityId()).isEqualTo(site.entityId());
            entityIds.add(config.general().entityId().toString());
            assertThat(config.general().adminSocket()).isEqualTo(dir.resolve("statefed.sock"));
            ClientConfig client = config.distributingClients().get(0);
            assertThat(client.jid().toString()).isEqualTo(site.account() + "@localhost");
            assertThat(client.port()).isEqualTo(45222);
            assertThat(client.secret()).isEqualTo("pw-" + site.account());
            assertThat(client.buddies()).map(Object::toString).hasSize(2)
                    .allMatch(buddy -> buddy.matches("site-[abc]@localhost"))
                    .doesNotContain(site.account() + "@localhost");
            assertThat(config.hints()).containsEntry("100@demo", "PJSIP/alice").containsEntry("300@demo", "PJSIP/carol")
                    .containsEntry("400@demo", "PJSIP/alice&PJSIP/carol");
        }
        assertThat(entityIds).hasSize(3);
    }
}
