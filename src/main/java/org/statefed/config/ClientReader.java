package org.statefed.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    /**
     * Longest {@code statusmessage}. It travels in every presence; prosody closes the stream of a
     * client whose stanza exceeds {@code c2s_stanza_size_limit} (256 KiB by default), and ejabberd's
     * {@code max_stanza_size} is often 64 KiB, after which the node reconnects forever. A status is a
     * line of text: 1 000 characters (4 000 bytes at most in UTF-8) stays far below every limit.
     */
    static final int MAX_STATUS_MESSAGE_CHARS = 1000;
    /**
     * Most buddies per client section. At every session set-up each buddy costs a subscription, an
     * item fetch and an affiliation in one IQ (about 80 bytes each: 10 000 buddies exceeded prosody's
     * 256 KiB stanza limit), and every change is delivered to every buddy: 2 000 buddies took 113 s
     * to get ready. 500 keeps set-up under half a minute and the affiliation IQ near 40 KB.
     */
    static final int MAX_BUDDIES = 500;
    /** Longest password: it is sent base64-encoded in one SASL stanza; real passwords are far shorter. */
    static final int MAX_SECRET_BYTES = 1024;
    /** A DNS name has at most 253 characters; a longer serverhost can never be resolved. */
    private static final int MAX_HOST_CHARS = 253;

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
        // corosync never reaches here (ConfigReader reads those sections): it is a word so that a typo of
        // it is answered "did you mean corosync?".
        ClientType type = values.choice("type", ClientType.CLIENT,
                Map.of("client", ClientType.CLIENT, "component", ClientType.COMPONENT, "corosync", ClientType.CLIENT),
                "must be client, component or corosync");
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
        String statusMessage = statusMessage();
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
        List<ServerAddress> alternates = alternateServers(port);
        Map<EntityBareJid, org.jxmpp.jid.DomainBareJid> buddyPubsub = buddyPubsub(buddies);
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
                Duration.ofSeconds(timeout), context, sendToDialplan, buddies, tlsCaFile, alternates, buddyPubsub));
    }

    /**
     * {@code buddy_pubsub = BUDDY-JID SERVICE-JID}: where a buddy on another (federated) domain keeps its nodes in
     * the per-site layout, for when its domain does not list its PubSub service (then it is discovered).
     */
    private Map<EntityBareJid, org.jxmpp.jid.DomainBareJid> buddyPubsub(List<EntityBareJid> buddies) {
        Map<EntityBareJid, org.jxmpp.jid.DomainBareJid> out = new LinkedHashMap<>();
        for (Setting setting : values.all("buddy_pubsub")) {
            String[] words = setting.value().trim().split("\\s+");
            EntityBareJid buddy = null;
            org.jxmpp.jid.DomainBareJid service = null;
            if (words.length == 2) {
                try {
                    buddy = JidParser.buddy(words[0]);
                    service = org.jxmpp.jid.impl.JidCreate.domainBareFrom(words[1]);
                } catch (Exception e) {
                    buddy = null;
                }
            }
            if (buddy == null || service == null) {
                values.error(setting, "must be a buddy's JID and the PubSub service its nodes are on, e.g."
                        + " buddy_pubsub = site3@eu.example.com pubsub.eu.example.com");
            } else if (!buddies.contains(buddy)) {
                values.error(setting, "names " + buddy + ", which is not a buddy of this section; add buddy = "
                        + buddy + " or remove this line");
            } else {
                out.put(buddy, service);
            }
        }
        return out;
    }

    /**
     * {@code alternate_server = host}, {@code host:port}, {@code [IPv6]} or {@code [IPv6]:port} (default:
     * {@code port}), in the order written.
     */
    private List<ServerAddress> alternateServers(int defaultPort) {
        List<ServerAddress> out = new java.util.ArrayList<>();
        for (Setting setting : values.all("alternate_server")) {
            AlternateServerSyntax.parse(setting.value(), defaultPort, MAX_HOST_CHARS).ifPresentOrElse(out::add,
                    () -> values.error(setting, AlternateServerSyntax.mistake(setting.value())));
        }
        return out;
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
        } else if (host.length() > MAX_HOST_CHARS) {
            values.errorWithoutValue(setting.get(), "has " + host.length() + " characters, but a host name has at most "
                    + MAX_HOST_CHARS + ", so it could never be resolved; set the XMPP server's host name or IP address");
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
        } else if (setting.get().value().getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
            values.errorWithoutValue(setting.get(), "is longer than " + MAX_SECRET_BYTES + " bytes; the server would"
                    + " refuse the login stanza, so the node could never connect; use the account's real password");
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
                // Asterisk accepts this and publishes to the account's own PEP service: so does statefed.
                values.notice("no pubsub_node: this account publishes to its own PEP service (XEP-0163,"
                        + " pubsub_layout = pep), whatever pubsub_layout says; its buddies must use pep too, and each"
                        + " pair of buddies needs a presence subscription both ways");
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

    private String statusMessage() {
        Optional<Setting> setting = values.setting("statusmessage");
        if (setting.isEmpty()) {
            return DEFAULT_STATUS_MESSAGE;
        }
        String text = setting.get().value();
        if (text.length() > MAX_STATUS_MESSAGE_CHARS) {
            // Not repeated: it is too long to be read in an error line.
            values.errorWithoutValue(setting.get(), "has " + text.length() + " characters, more than "
                    + MAX_STATUS_MESSAGE_CHARS + "; it is sent in every presence and XMPP servers refuse stanzas"
                    + " past their size limit (prosody: 256 KiB), so the node could never connect; write a short"
                    + " status line");
        }
        return text;
    }

    private List<EntityBareJid> buddies(Optional<EntityBareJid> self) {
        List<Setting> written = values.all("buddy");
        if (written.size() > MAX_BUDDIES) {
            Setting first = written.get(MAX_BUDDIES);
            values.errorWithoutValue(first, "this is buddy number " + (MAX_BUDDIES + 1) + " of " + written.size()
                    + "; a client section may have at most " + MAX_BUDDIES + " (each costs a subscription, an item"
                    + " fetch and part of one size-limited IQ at every connection, so the node would take minutes"
                    + " to get ready or never would); split the sites into smaller clusters, each with its own"
                    + " account and buddies");
        }
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
        try {
            CaCertificates.load(path);
        } catch (IOException e) {
            values.error(setting.get(), e.getMessage());
        }
        return Optional.of(path);
    }
}
