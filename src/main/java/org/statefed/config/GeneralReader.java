package org.statefed.config;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.statefed.state.EntityId;

/** Turns the {@code [general]} section (or its absence) into a {@link GeneralConfig}. */
final class GeneralReader {
    static final Path DEFAULT_ADMIN_SOCKET = Path.of("/run/statefed/statefed.sock");
    /** A packaged daemon's state directory (systemd StateDirectory=statefed, the image's volume). */
    static final Path DEFAULT_STATE_FILE = Path.of("/var/lib/statefed/state.db");
    static final int DEFAULT_STALE_TIMEOUT = 30;
    static final int MAX_STALE_TIMEOUT = 86_400;
    static final int MAX_HEARTBEAT_INTERVAL = 3_600;
    /** About 2.6 GB of entries from one site: beyond that a cap protects nothing. */
    static final int MAX_PER_SITE = 10_000_000;
    private static final String ENTITY_ID_FORM =
            "must be six two-digit hex numbers separated by colons, e.g. 00:11:22:33:44:55";
    private static final String SET_ENTITY_ID =
            "set it, e.g. entityid = 00:11:22:33:44:55 (six hex pairs, different at each site)";

    private final SectionValues values;
    private final Path file;
    private final MacAddressSource macAddresses;
    private final Findings findings;

    GeneralReader(SectionValues values, Path file, MacAddressSource macAddresses, Findings findings) {
        this.values = values;
        this.file = file;
        this.macAddresses = macAddresses;
        this.findings = findings;
    }

    /** The general settings, or empty if any of them is wrong (the errors are in the findings). */
    Optional<GeneralConfig> read() {
        values.checkKeys(KnownKeys.GENERAL, KnownKeys.CLIENT, "a client section such as [asterisk]", "[general]");
        boolean debug = values.bool("debug", false);
        boolean autoprune = values.bool("autoprune", false);
        boolean autoregister = values.bool("autoregister", true);
        boolean collectionNodes = values.bool("collection_nodes", false);
        boolean pubsubAutocreate = values.bool("pubsub_autocreate", false);
        AuthPolicy authPolicy = values.choice("auth_policy", AuthPolicy.ACCEPT,
                Map.of("accept", AuthPolicy.ACCEPT, "deny", AuthPolicy.DENY), "must be accept or deny");
        Path adminSocket = path("admin_socket", DEFAULT_ADMIN_SOCKET, "statefed's admin socket");
        Path stateFile = path("state_file", DEFAULT_STATE_FILE, "the file where statefed keeps the cluster state");
        PubsubLayout layout = values.choice("pubsub_layout", PubsubLayout.PER_SITE,
                Map.of("per-site", PubsubLayout.PER_SITE, "asterisk", PubsubLayout.ASTERISK, "pep", PubsubLayout.PEP),
                "must be per-site, asterisk or pep");
        int staleTimeout = values.integer("stale_timeout", DEFAULT_STALE_TIMEOUT, 0, MAX_STALE_TIMEOUT, " of seconds");
        int heartbeat = values.integer("heartbeat_interval", (int) GeneralConfig.DEFAULT_HEARTBEAT_INTERVAL.toSeconds(),
                0, MAX_HEARTBEAT_INTERVAL, " of seconds");
        int maxDevices = values.integer("max_devices_per_site", GeneralConfig.DEFAULT_MAX_DEVICES_PER_SITE, 1,
                MAX_PER_SITE, " of devices");
        int maxMailboxes = values.integer("max_mailboxes_per_site", GeneralConfig.DEFAULT_MAX_MAILBOXES_PER_SITE, 1,
                MAX_PER_SITE, " of mailboxes");
        HttpConfig http = new HttpReader(values, file).read();
        Optional<Setting> entityIdSetting = values.setting("entityid");
        EntityId entityId = entityIdSetting.isPresent() ? entityId(entityIdSetting.get()) : derivedEntityId();
        if (values.hadErrors()) {
            return Optional.empty();
        }
        return Optional.of(new GeneralConfig(debug, autoprune, autoregister, collectionNodes, pubsubAutocreate,
                authPolicy, entityId, entityIdSetting.isEmpty(), adminSocket, layout,
                Duration.ofSeconds(staleTimeout), Duration.ofSeconds(heartbeat), stateFile, maxDevices,
                maxMailboxes, http));
    }

    private EntityId entityId(Setting setting) {
        String problem = EntityId.problemWith(setting.value());
        if (problem == null) {
            return EntityId.parse(setting.value());
        }
        values.error(setting, setting.value().isEmpty() ? ENTITY_ID_FORM : ENTITY_ID_FORM + " (" + problem + ")");
        return null;
    }

    private EntityId derivedEntityId() {
        Optional<MacAddress> mac;
        try {
            mac = macAddresses.find();
        } catch (IOException e) {
            values.missing("entityid", "is not set, and the network interfaces could not be listed to derive it"
                    + " from a MAC address (" + e.getMessage() + "); " + SET_ENTITY_ID);
            return null;
        }
        if (mac.isEmpty()) {
            values.missing("entityid", "is not set, and no network interface has a MAC address to derive it"
                    + " from; " + SET_ENTITY_ID);
            return null;
        }
        findings.notice("entityid not set: derived " + mac.get().address() + " from interface "
                + mac.get().interfaceName() + "; set it explicitly so it stays stable");
        return mac.get().address();
    }

    /** A path key: relative to the file's directory, the default when not set, an error when empty. */
    private Path path(String key, Path defaultPath, String what) {
        Optional<Setting> setting = values.setting(key);
        if (setting.isEmpty()) {
            return defaultPath;
        }
        String text = setting.get().value();
        if (text.isEmpty()) {
            values.error(setting.get(), "must be the path of " + what + ", e.g. " + defaultPath);
            return defaultPath;
        }
        try {
            return ConfigPaths.resolve(file, text);
        } catch (InvalidPathException e) {
            values.error(setting.get(), "is not a usable path (" + e.getReason() + ")");
            return defaultPath;
        }
    }
}
