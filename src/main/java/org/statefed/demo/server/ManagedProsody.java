package org.statefed.demo.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prosody 0.12 (the Debian package) started in the foreground with a generated config: plaintext c2s on a
 * free loopback port and a PubSub component whose admins may create nodes. PubSub nodes and items live in
 * SQLite (Prosody's default file storage manages about 20 persisted publishes a second) or in memory;
 * accounts in Prosody's internal files, so {@code prosodyctl register} works with the server up or down.
 * Open for the integration-test fixture, which adds its own server interface; not meant to be extended
 * otherwise.
 */
public class ManagedProsody extends ManagedServer {

    /** The {@link #kind()} of a managed Prosody. */
    public static final String KIND = "prosody";

    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error");

    private final PubsubOptions pubsub;
    private final String logLevel;

    /**
     * A Prosody not started yet; {@link ManagedServer#launch} starts it.
     *
     * @param pubsub   the PubSub component's admins, storage and item limit
     * @param logLevel Prosody's log level: {@code debug}, {@code info}, {@code warn} or {@code error}
     */
    public ManagedProsody(PubsubOptions pubsub, String logLevel) {
        super(KIND, "prosody", FreePorts.one());
        this.pubsub = Objects.requireNonNull(pubsub, "pubsub");
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("prosody log level '" + logLevel + "': allowed are " + LOG_LEVELS);
        }
        this.logLevel = logLevel;
    }

    @Override
    protected final void writeConfiguration() {
        ServerDirectory dir = directory();
        Path certs = dir.config().resolve("certs");
        try {
            // An empty certificate directory: no TLS, and no error about a missing one in the log.
            Files.createDirectory(certs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + certs, e);
        }
        String admins = pubsub.admins().stream()
                .map(localpart -> "\"" + localpart + "@" + domain() + "\"")
                .collect(Collectors.joining("; "));
        dir.write(configFile(), ConfigTemplate.load(ManagedProsody.class, "prosody.cfg.lua").render(Map.of(
                "dataDir", dir.data().toString(),
                "certsDir", certs.toString(),
                "logFile", serverLog().toString(),
                "logLevel", logLevel,
                "clientPort", Integer.toString(clientPort()),
                "pubsubStorage", pubsub.persistItems() ? "sql" : "memory",
                "domain", domain(),
                "pubsubService", pubsubService(),
                "pubsubAdmins", admins,
                "maxItems", Integer.toString(pubsub.maxItems()))));
    }

    @Override
    protected final List<String> serverCommand() {
        return List.of("prosody", "--no-daemonize", "--config", configFile().toString());
    }

    @Override
    protected final Map<String, String> serverEnvironment() {
        return Map.of();
    }

    @Override
    protected final Path serverLog() {
        return directory().logs().resolve("prosody.log");
    }

    @Override
    protected final void register(String localpart, String password) {
        // prosodyctl register sets the password of an existing account, which is what createAccount promises.
        Commands.runOrFail(runAs().command(List.of("prosodyctl", "--config", configFile().toString(),
                "register", localpart, domain(), password)), Map.of(), directory().data());
    }

    private Path configFile() {
        return directory().config().resolve("prosody.cfg.lua");
    }
}
