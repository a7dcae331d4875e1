package org.statefed.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;

/** Turns one client section into a {@link ClientConfig}. */
final class ClientReader {
    static final int DEFAULT_PORT = 5222;
    static final int DEFAULT_PRIORITY = 1;
    static final int DEFAULT_TIMEOUT = 5;
    static final String DEFAULT_STATUS_MESSAGE = "Online and Available";
    static final String DEFAULT_CONTEXT = "default";
    private static final int MAX_TIMEOUT = 86_400;

    /** Asterisk's words for {@code status}, including its aliases online, chatty and xa. */
    private static final Map<String, PresenceStatus> STATUS_WORDS = Map.of(
            "chat", PresenceStatus.CHAT, "chatty", PresenceStatus.CHAT,
            "available", PresenceStatus.AVAILABLE, "online", PresenceStatus.AVAILABLE,
            "away", PresenceStatus.AWAY,
            "xaway", PresenceStatus.XAWAY, "xa", PresenceStatus.XAWAY,
            "dnd", PresenceStatus.DND);
    private static final Map<String, AuthPolicy> AUTH_POLICY_WORDS =
            Map.of("accept", AuthPolicy.ACCEPT, "deny", AuthPolicy.DENY);

    private final SectionValues values;
    private final Path file;
    private final Findings findings;

    ClientReader(SectionValues values, Path file, Findings findings) {
        this.values = values;
        this.file = file;
        this.findings = findings;
    }

    /**
     * The client, or empty if the section has errors (they are in the findings) or is a component,
     * which statefed skips with a notice.
     */
    Optional<ClientConfig> read() {
        String name = values.section();
        values.checkKeys(KnownKeys.CLIENT, KnownKeys.GENERAL, "[general]", "a client section");
        ClientType type = values.choice("type", ClientType.CLIENT,
                Map.of("client", ClientType.CLIENT, "component", ClientType.COMPONENT),
                "must be client or component");
        if (type == ClientType.COMPONENT) {
            Setting setting = values.setting("type").orElseThrow();
            findings.notice("ignored by statefed: [" + name + "] type = component (line " + setting.line()
                    + "): statefed logs in as an XMPP client only, so this section is skipped");
            return Optional.empty();
        }
        String serverHost = serverHost();
        int port = values.integer("port", DEFAULT_PORT, 1, 65535, "");
        Optional<Jid> account = account();
        String secret = secret();
        int priority = values.integer("priority", DEFAULT_PRIORITY, -128, 127, "");
        boolean distributeEvents = values.bool("distribute_events", false);
        String pubsubService = pubsubService(distributeEvents);
        PresenceStatus status = values.choice("status", PresenceStatus.AVAILABLE, STATUS_WORDS,
                "must be one of chat, available, away, xaway, dnd");
        String statusMessage = values.text("statusmessage", DEFAULT_STATUS_MESSAGE);
        boolean useTls = values.bool("usetls", true);
        boolean useSasl = values.bool("usesasl", true);
        boolean forceOldSsl = values.bool("forceoldssl", false);
        boolean keepalive = values.bool("keepalive", true);
        int timeout = values.integer("timeout", DEFAULT_TIMEOUT, 1, MAX_TIMEOUT, " of seconds");
        String context = values.text("context", DEFAULT_CONTEXT);
        boolean sendToDialplan = values.bool("sendtodialplan", false);
        checkIgnoredOverrides();
        List<EntityBareJid> buddies = buddies(account.map(Jid::asEntityBareJidIfPossible));
        Optional<Path> tlsCaFile = tlsCaFile();
        if (values.hadErrors()) {
            return Optional.empty();
        }
        if (!useTls) {
            Setting setting = values.setting("usetls").orElseThrow();
            findings.notice("[" + name + "] " + setting.writtenKey() + " = " + setting.value() + " (line "
                    + setting.line() + "): the connection to " + serverHost + " is not encrypted; the password"
                    + " and device states cross the network in plain text, so use this only on localhost"
                    + " or a trusted network");
        }
        Jid jid = account.orElseThrow();
        return Optional.of(new ClientConfig(name, type, serverHost, port, pubsubService,
                jid.asEntityBareJidIfPossible(), Optional.ofNullable(jid.getResourceOrNull()),
                secret, priority, distributeEvents, status, statusMessage, useTls, useSasl, forceOldSsl, keepalive,
                Duration.ofSeconds(timeout), context, sendToDialplan, buddies, tlsCaFile));
    }

    private String serverHost() {
        Optional<Setting> setting = values.setting("serverhost");
        if (setting.isEmpty()) {
            values.missing("serverhost", "is required; the XMPP server's host name or IP address,"
                    + " e.g. serverhost = xmpp.example.com");
            return "";
        }
        String host = setting.get().value();
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            values.error(setting.get(), "must be the XMPP server's host name or IP address, without spaces");
        }
        return host;
    }

    private Optional<Jid> account() {
        Optional<Setting> setting = values.setting("username");
        if (setting.isEmpty()) {
            values.missing("username", "is required; the account's JID, " + JidParser.ACCOUNT_FORM);
            return Optional.empty();
        }
        try {
            return Optional.of(JidParser.account(setting.get().value()));
        } catch (InvalidValueException e) {
            values.error(setting.get(), e.getMessage());
            return Optional.empty();
        }
    }

    private String secret() {
        Optional<Setting> setting = values.setting("secret");
        if (setting.isEmpty()) {
            values.missing("secret", "is required; the account's password");
            return "";
        }
        if (setting.get().value().isEmpty()) {
            values.error(setting.get(), "must be the account's password");
        }
        return setting.get().value();
    }

    private String pubsubService(boolean distributeEvents) {
        Optional<Setting> setting = values.setting("pubsub_node");
        String text = setting.map(Setting::value).orElse("");
        if (text.isEmpty()) {
            if (distributeEvents && setting.isPresent()) {
                values.error(setting.get(), "must be set when distribute_events = yes: " + JidParser.SERVICE_FORM);
            } else if (distributeEvents) {
                values.missing("pubsub_node", "is required when distribute_events = yes: the PubSub service's"
                        + " address, e.g. pubsub_node = pubsub.example.com");
            }
            return "";
        }
        try {
            return JidParser.service(text).toString();
        } catch (InvalidValueException e) {
            values.error(setting.get(), e.getMessage());
            return "";
        }
    }

    /** Asterisk's per-client overrides statefed ignores: still checked, so a typo is not hidden. */
    private void checkIgnoredOverrides() {
        values.bool("debug", false);
        values.bool("autoprune", false);
        values.bool("autoregister", true);
        values.choice("auth_policy", AuthPolicy.ACCEPT, AUTH_POLICY_WORDS, "must be accept or deny");
    }

    private List<EntityBareJid> buddies(Optional<EntityBareJid> self) {
        Map<EntityBareJid, Setting> seen = new LinkedHashMap<>();
        for (Setting setting : values.all("buddy")) {
            EntityBareJid buddy;
            try {
                buddy = JidParser.buddy(setting.value());
            } catch (InvalidValueException e) {
                values.error(setting, e.getMessage());
                continue;
            }
            if (self.isPresent() && self.get().equals(buddy)) {
                values.error(setting, "is this account's own JID (username); list the other sites' accounts");
                continue;
            }
            Setting first = seen.putIfAbsent(buddy, setting);
            if (first != null) {
                findings.notice("[" + values.section() + "] buddy = " + setting.value() + " (line " + setting.line()
                        + ") repeats line " + first.line() + "; the repeat is ignored");
            }
        }
        return new ArrayList<>(seen.keySet());
    }

    private Optional<Path> tlsCaFile() {
        Optional<Setting> setting = values.setting("tls_ca_file");
        if (setting.isEmpty() || setting.get().value().isEmpty()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = ConfigPaths.resolve(file, setting.get().value());
        } catch (InvalidPathException e) {
            values.error(setting.get(), "is not a usable path (" + e.getReason() + ")");
            return Optional.empty();
        }
        if (!Files.exists(path)) {
            values.error(setting.get(), "no such file (looked for " + path + ")");
        } else if (Files.isDirectory(path)) {
            values.error(setting.get(), "is a directory; must be a PEM file with the CA certificate(s) to trust");
        } else if (!Files.isReadable(path)) {
            values.error(setting.get(), "cannot be read (permission denied for " + path + ")");
        }
        return Optional.of(path);
    }
}
