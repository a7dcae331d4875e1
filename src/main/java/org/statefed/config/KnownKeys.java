package org.statefed.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key statefed knows, per kind of section: Asterisk res_xmpp's keys (used or accepted and
 * ignored) plus statefed's own.
 */
final class KnownKeys {
    private static final String GENERAL_VALUE_USED = "statefed uses the value from [general] for every client";

    static final List<KeySpec> GENERAL = List.of(
            KeySpec.used("debug"),
            KeySpec.used("autoprune"),
            KeySpec.used("autoregister"),
            KeySpec.used("collection_nodes"),
            KeySpec.used("pubsub_autocreate"),
            KeySpec.used("auth_policy"),
            KeySpec.used("entityid"),
            KeySpec.used("admin_socket"),
            KeySpec.used("pubsub_layout"),
            KeySpec.used("stale_timeout"),
            KeySpec.used("heartbeat_interval"),
            KeySpec.used("state_file"),
            KeySpec.used("max_devices_per_site"),
            KeySpec.used("max_mailboxes_per_site"),
            KeySpec.used("http_bind"),
            KeySpec.used("http_token"),
            KeySpec.used("http_tls_keystore"),
            KeySpec.used("http_tls_keystore_password"));

    static final List<KeySpec> CLIENT = List.of(
            KeySpec.used("type"),
            KeySpec.used("serverhost"),
            KeySpec.used("port"),
            KeySpec.used("username"),
            KeySpec.used("secret"),
            KeySpec.used("pubsub_node"),
            KeySpec.used("distribute_events"),
            KeySpec.used("priority"),
            KeySpec.used("status"),
            KeySpec.used("statusmessage"),
            KeySpec.used("usetls"),
            KeySpec.used("usesasl"),
            KeySpec.used("keepalive"),
            KeySpec.used("timeout"),
            KeySpec.repeatable("buddy"),
            KeySpec.repeatable("alternate_server"),
            KeySpec.repeatable("buddy_pubsub"),
            KeySpec.used("tls_ca_file"),
            KeySpec.ignored("forceoldssl", "statefed connects with STARTTLS (usetls), never legacy direct SSL"),
            KeySpec.ignored("context", "it is the Asterisk dialplan context for incoming chat messages"),
            KeySpec.ignored("sendtodialplan", "it routes incoming chat messages into the Asterisk dialplan"),
            KeySpec.ignored("debug", "statefed's XMPP logging is set by debug in [general]"),
            KeySpec.ignored("autoprune", GENERAL_VALUE_USED),
            KeySpec.ignored("autoregister", GENERAL_VALUE_USED),
            KeySpec.ignored("auth_policy", GENERAL_VALUE_USED),
            KeySpec.ignored("refresh_token", "statefed logs in with secret, not with Google OAuth"),
            KeySpec.ignored("oauth_clientid", "statefed logs in with secret, not with Google OAuth"),
            KeySpec.ignored("oauth_secret", "statefed logs in with secret, not with Google OAuth"));

    /** A {@code type = corosync} section: res_corosync.conf's keys plus the CPG group. */
    static final List<KeySpec> COROSYNC = List.of(
            KeySpec.used("type"),
            KeySpec.repeatable("publish_event"),
            KeySpec.repeatable("subscribe_event"),
            KeySpec.used("group"));

    /** A {@code type = sip_publication} section: pjsip.conf's names, so an Asterisk admin reads them at a glance. */
    static final List<KeySpec> SIP_PUBLICATION = List.of(
            KeySpec.used("type"),
            KeySpec.used("bind"),
            KeySpec.used("server_uri"),
            KeySpec.used("from_uri"),
            KeySpec.used("inbound_resource"),
            KeySpec.used("match"),
            KeySpec.used("device_state"),
            KeySpec.used("mailbox_state"),
            KeySpec.used("device_state_filter"),
            KeySpec.used("mailbox_state_filter"),
            KeySpec.used("expiration"),
            KeySpec.used("outbound_username"),
            KeySpec.used("outbound_password"),
            KeySpec.used("inbound_username"),
            KeySpec.used("inbound_password"));

    /** Words people write for a key under another name; too far apart for an edit-distance guess. */
    private static final Map<String, String> ALIASES = Map.of(
            "password", "secret",
            "passwd", "secret",
            "user", "username",
            "jid", "username",
            "server", "serverhost",
            "host", "serverhost");

    private KnownKeys() {
    }

    static Optional<KeySpec> find(List<KeySpec> keys, String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** Whether {@code name} is a key of any kind of section. */
    static boolean isKnown(String name) {
        return find(GENERAL, name).isPresent() || find(CLIENT, name).isPresent() || find(COROSYNC, name).isPresent()
                || find(SIP_PUBLICATION, name).isPresent();
    }

    static Optional<String> alias(String name) {
        return Optional.ofNullable(ALIASES.get(name));
    }

    static List<String> names(List<KeySpec> keys) {
        return keys.stream().map(KeySpec::name).toList();
    }
}
