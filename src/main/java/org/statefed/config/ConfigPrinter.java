package org.statefed.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The effective configuration as ini text, for {@code check-config}: every value statefed uses,
 * defaults included, sections in file order, secrets as {@code ***}. Keys statefed ignores are
 * listed with a comment saying so. The text is valid jabber.conf syntax ({@code ;} in values is
 * written {@code \;}).
 */
public final class ConfigPrinter {
    private static final String IGNORED = "  ; ignored by statefed";

    private ConfigPrinter() {
    }

    /** The listing, ending with a newline. */
    public static String print(StatefedConfig config) {
        StringBuilder out = new StringBuilder();
        for (String section : config.sectionOrder()) {
            SectionKind kind = SectionKind.of(section);
            if (kind == SectionKind.GENERAL) {
                general(out, section, config.general());
            } else if (kind == SectionKind.HINTS) {
                hints(out, section, config);
            } else {
                config.clients().stream().filter(c -> c.name().equals(section)).findFirst()
                        .ifPresent(c -> client(out, c));
                config.corosyncLinks().stream().filter(c -> c.name().equals(section)).findFirst()
                        .ifPresent(c -> corosync(out, c));
                config.sipPublications().stream().filter(c -> c.name().equals(section)).findFirst()
                        .ifPresent(c -> sipPublication(out, c));
            }
        }
        return out.toString();
    }

    private static void general(StringBuilder out, String name, GeneralConfig general) {
        header(out, name);
        line(out, "debug", yesNo(general.debug()));
        line(out, "autoprune", yesNo(general.autoprune()));
        line(out, "autoregister", yesNo(general.autoregister()));
        out.append("collection_nodes = ").append(yesNo(general.collectionNodes()))
                .append(general.collectionNodes() ? "  ; statefed shares through leaf nodes only (see the log at start)" : "")
                .append('\n');
        out.append("pubsub_autocreate = ").append(yesNo(general.pubsubAutocreate()))
                .append("  ; statefed always creates the nodes it needs").append('\n');
        line(out, "auth_policy", general.authPolicy().name().toLowerCase(Locale.ROOT));
        out.append("entityid = ").append(general.entityId());
        if (general.entityIdDerived()) {
            out.append("  ; derived from a MAC address: not set in the file");
        }
        out.append('\n');
        line(out, "admin_socket", general.adminSocket().toString());
        line(out, "pubsub_layout", general.pubsubLayout().keyword());
        line(out, "stale_timeout", Long.toString(general.staleTimeout().toSeconds()));
        out.append("heartbeat_interval = ").append(general.heartbeatInterval().toSeconds())
                .append(general.heartbeatInterval().isZero() ? "  ; off: a hung buddy or a dead link waits for the server"
                        : "  ; a silent buddy or server counts as gone after " + GeneralConfig.HEARTBEAT_MISSES
                                + " missed pings (at most " + general.heartbeatDetection().toSeconds() + " s)")
                .append('\n');
        line(out, "state_file", general.stateFile().toString());
        line(out, "max_devices_per_site", Integer.toString(general.maxDevicesPerSite()));
        line(out, "max_mailboxes_per_site", Integer.toString(general.maxMailboxesPerSite()));
        http(out, general.http());
    }

    private static void http(StringBuilder out, HttpConfig http) {
        if (!http.enabled()) {
            out.append("; http_bind: not set (no HTTP API, board or metrics)\n");
            return;
        }
        out.append("http_bind = ").append(HttpConfig.hostPort(http.bind().get()))
                .append(http.bind().get().getPort() == 0 ? "  ; any free port, logged at start" : "").append('\n');
        if (http.token().isPresent()) {
            line(out, "http_token", SecretKeys.MASK);
        } else {
            out.append("; http_token: not set (no token asked for: loopback clients only)\n");
        }
        if (http.tlsKeystore().isPresent()) {
            line(out, "http_tls_keystore", http.tlsKeystore().get().toString());
            line(out, "http_tls_keystore_password", SecretKeys.MASK);
        }
    }

    private static void client(StringBuilder out, ClientConfig client) {
        header(out, client.name());
        line(out, "type", client.type().name().toLowerCase(Locale.ROOT));
        line(out, "serverhost", client.serverHost());
        line(out, "port", Integer.toString(client.port()));
        line(out, "username", client.displayJid());
        line(out, "secret", SecretKeys.MASK);
        if (client.hasPubsubService()) {
            line(out, "pubsub_node", client.pubsubService());
        } else {
            out.append("; pubsub_node: not set\n");
        }
        line(out, "distribute_events", yesNo(client.distributeEvents()));
        line(out, "priority", Integer.toString(client.priority()));
        line(out, "status", client.status().keyword());
        line(out, "statusmessage", client.statusMessage());
        line(out, "usetls", yesNo(client.useTls()));
        line(out, "usesasl", yesNo(client.useSasl()));
        line(out, "keepalive", yesNo(client.keepalive()));
        line(out, "timeout", Long.toString(client.timeout().toSeconds()));
        Optional<String> caFile = client.tlsCaFile().map(Object::toString);
        if (caFile.isPresent()) {
            line(out, "tls_ca_file", caFile.get());
        } else {
            out.append("; tls_ca_file: not set (only the system's trusted certificates)\n");
        }
        if (client.buddies().isEmpty()) {
            out.append("; buddy: none\n");
        }
        client.buddies().forEach(b -> line(out, "buddy", b.toString()));
        out.append("forceoldssl = ").append(yesNo(client.forceOldSsl())).append(IGNORED).append('\n');
        out.append("context = ").append(escape(client.context())).append(IGNORED).append('\n');
        out.append("sendtodialplan = ").append(yesNo(client.sendToDialplan())).append(IGNORED).append('\n');
    }

    private static void corosync(StringBuilder out, CorosyncConfig link) {
        header(out, link.name());
        line(out, "type", CorosyncConfig.TYPE);
        line(out, "group", link.group());
        if (link.publish().isEmpty()) {
            out.append("; publish_event: none\n");
        }
        link.publish().forEach(e -> line(out, "publish_event", e.keyword()));
        if (link.subscribe().isEmpty()) {
            out.append("; subscribe_event: none\n");
        }
        link.subscribe().forEach(e -> line(out, "subscribe_event", e.keyword()));
    }

    private static void sipPublication(StringBuilder out, SipPublicationConfig sip) {
        header(out, sip.name());
        line(out, "type", SipPublicationReader.TYPE);
        line(out, "bind", sip.bind().toString());
        line(out, "server_uri", sip.serverUri());
        line(out, "from_uri", sip.fromUri());
        line(out, "inbound_resource", sip.inboundResource());
        if (sip.match().isPresent()) {
            line(out, "match", sip.match().get().toString());
        } else {
            out.append("; match: not set (PUBLISHes to inbound_resource are accepted from any address)\n");
        }
        line(out, "device_state", yesNo(sip.deviceState()));
        line(out, "mailbox_state", yesNo(sip.mailboxState()));
        sip.deviceStateFilter().ifPresent(p -> line(out, "device_state_filter", p.pattern()));
        sip.mailboxStateFilter().ifPresent(p -> line(out, "mailbox_state_filter", p.pattern()));
        line(out, "expiration", Long.toString(sip.expiration().toSeconds()));
        sip.outbound().ifPresent(c -> {
            line(out, "outbound_username", c.username());
            line(out, "outbound_password", SecretKeys.MASK);
        });
        sip.inbound().ifPresent(c -> {
            line(out, "inbound_username", c.username());
            line(out, "inbound_password", SecretKeys.MASK);
        });
        if (sip.inbound().isEmpty()) {
            out.append("; inbound_username: not set (the peer's PUBLISHes are not challenged)\n");
        }
    }

    private static void hints(StringBuilder out, String name, StatefedConfig config) {
        if (config.hints().isEmpty()) {
            return;
        }
        header(out, name);
        config.hints().forEach((hint, devices) -> line(out, hint, devices));
    }

    private static void header(StringBuilder out, String name) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append('[').append(name).append("]\n");
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(escape(value)).append('\n');
    }

    private static String escape(String value) {
        return value.replace(";", "\\;");
    }

    private static String yesNo(boolean value) {
        return BooleanWords.word(value);
    }
}
