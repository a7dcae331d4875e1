package org.statefed.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrinterTest {
    @TempDir
    Path dir;

    @Test
    void listsEveryEffectiveValueInFileOrder() throws ConfigException {
        StatefedConfig config = new ConfigFiles(dir).read("""
                [hints]
                1234@devstate_test = Custom:a & SIP/100

                [asterisk]
                serverhost = 127.0.0.1
                username = server1@localhost/site1
                secret = s3cret
                statusmessage = In a meeting\\; back soon
                buddy = server2@localhost

                [general]
                entityid = 00:11:22:33:44:01
                admin_socket = /run/sf.sock
                """);

        assertThat(ConfigPrinter.print(config)).isEqualTo("""
                [hints]
                1234@devstate_test = Custom:a&SIP/100

                [asterisk]
                type = client
                serverhost = 127.0.0.1
                port = 5222
                username = server1@localhost/site1
                secret = ***
                ; pubsub_node: not set
                distribute_events = no
                priority = 1
                status = available
                statusmessage = In a meeting\\; back soon
                usetls = yes
                usesasl = yes
                keepalive = yes
                timeout = 5
                ; tls_ca_file: not set (only the system's trusted certificates)
                buddy = server2@localhost
                forceoldssl = no  ; ignored by statefed
                context = default  ; ignored by statefed
                sendtodialplan = no  ; ignored by statefed

                [general]
                debug = no
                autoprune = no
                autoregister = yes
                collection_nodes = no
                pubsub_autocreate = no  ; statefed always creates the nodes it needs
                auth_policy = accept
                entityid = 00:11:22:33:44:01
                admin_socket = /run/sf.sock
                pubsub_layout = per-site
                stale_timeout = 30
                heartbeat_interval = 5  ; a silent buddy or server counts as gone after 3 missed pings (at most 20 s)
                state_file = /var/lib/statefed/state.db
                max_devices_per_site = 50000
                max_mailboxes_per_site = 50000
                ; http_bind: not set (no HTTP API, board or metrics)
                """);
    }

    @Test
    void listingReadsBackToTheSameConfiguration() throws ConfigException {
        ConfigFiles files = new ConfigFiles(dir);
        StatefedConfig config = files.read("""
                [general]
                entityid = 00:11:22:33:44:01
                [asterisk]
                serverhost = 127.0.0.1
                username = server1@localhost/site1
                secret = s3cret
                statusmessage = a;b
                buddy = server2@localhost
                """);

        StatefedConfig again = files.read(ConfigPrinter.print(config).replace("secret = ***", "secret = s3cret"));

        assertThat(again.general()).isEqualTo(config.general());
        assertThat(again.clients()).isEqualTo(config.clients());
    }
}
