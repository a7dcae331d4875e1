package org.statefed.demo.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
    private boolean tls;
    /** The address s2s listens on (port 5269), when this server federates; empty: no s2s. */
    private final java.util.Optional<String> s2sAddress;
    private final java.util.Optional<Path> hostsFile;

    /**
     * A Prosody not started yet; {@link ManagedServer#launch} starts it.
     *
     * @param pubsub   the PubSub component's admins, storage and item limit
     * @param logLevel Prosody's log level: {@code debug}, {@code info}, {@code warn} or {@code error}
     */
    public ManagedProsody(PubsubOptions pubsub, String logLevel) {
        this(pubsub, logLevel, DOMAIN, java.util.Optional.empty());
    }

    /**
     * A Prosody for {@code domain} that talks to other servers (s2s, dialback, no TLS) on
     * {@code s2sAddress}:5269 when given. An IP-literal domain (e.g. {@code 127.0.0.2}) needs no DNS: prosody
     * connects to a domain that is an IP address directly, on port 5269 (see net/resolvers/service.lua).
     */
    public ManagedProsody(PubsubOptions pubsub, String logLevel, String domain, java.util.Optional<String> s2sAddress) {
        this(pubsub, logLevel, domain, s2sAddress, java.util.Optional.empty());
    }

    /**
     * As above, resolving host names through {@code hostsFile} (libunbound's hoststxt) before DNS: how a test
     * makes {@code pubsub.127.x.y.z}, a PubSub service of another IP-literal domain, reachable over s2s.
     */
    public ManagedProsody(PubsubOptions pubsub, String logLevel, String domain, java.util.Optional<String> s2sAddress,
            java.util.Optional<Path> hostsFile) {
        super(KIND, "prosody", FreePorts.one(), domain);
        this.hostsFile = Objects.requireNonNull(hostsFile, "hostsFile");
        this.s2sAddress = Objects.requireNonNull(s2sAddress, "s2sAddress");
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
            Files.createDirectories(certs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + certs, e);
        }
        String admins = pubsub.admins().stream()
                .map(localpart -> "\"" + localpart + "@" + domain() + "\"")
                .collect(Collectors.joining("; "));
        dir.write(configFile(), ConfigTemplate.load(ManagedProsody.class, "prosody.cfg.lua").render(Map.ofEntries(
                Map.entry("dataDir", dir.data().toString()),
                Map.entry("certsDir", certs.toString()),
                Map.entry("logFile", serverLog().toString()),
                Map.entry("logLevel", logLevel),
                Map.entry("clientPort", Integer.toString(clientPort())),
                Map.entry("pubsubStorage", pubsub.persistItems() ? "sql" : "memory"),
                Map.entry("domain", domain()),
                Map.entry("pubsubService", pubsubService()),
                Map.entry("pubsubAdmins", admins),
                Map.entry("maxItems", Integer.toString(pubsub.maxItems())),
                Map.entry("tlsModule", tls ? "\"tls\"; " : ""),
                Map.entry("serverModules", s2sAddress.isPresent() ? "\"dialback\"; " : ""),
                Map.entry("serverDisabled", s2sAddress.isPresent() ? "" : "\"s2s\"; "),
                Map.entry("serverPorts", s2sAddress.isPresent() ? "5269" : ""),
                Map.entry("serverInterfaces", s2sAddress.map(a -> "\"" + a + "\"").orElse("")),
                Map.entry("hostsFile", hostsFile.map(f -> "\"" + f + "\"").orElse("false")))));
    }

    /**
     * Makes Prosody offer STARTTLS with this certificate (PEM, for the XMPP domain) from its next start
     * (mod_tls is enabled only then); the caller restarts it. Plaintext stays allowed, so tests can compare both.
     */
    public void installCertificate(Path certificate, Path key) {
        Path certs = directory().config().resolve("certs");
        try {
            Files.copy(certificate, certs.resolve(domain() + ".crt"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(key, certs.resolve(domain() + ".key"), StandardCopyOption.REPLACE_EXISTING);
            // Prosody may run as its own user: it must be able to read the key.
            for (Path file : List.of(certs.resolve(domain() + ".crt"), certs.resolve(domain() + ".key"))) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the certificate in " + certs, e);
        }
        tls = true;
        writeConfiguration();
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
