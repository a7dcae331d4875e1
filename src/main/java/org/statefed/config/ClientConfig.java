package org.statefed.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * One client section of {@code jabber.conf}: an XMPP account statefed logs in with. Immutable and
 * validated by {@link ConfigReader}; {@link #toString()} never shows the secret.
 *
 * @param name section name, e.g. {@code asterisk}
 * @param type client or component (statefed runs client sections only)
 * @param serverHost host to connect to; the XMPP domain comes from {@link #jid()}
 * @param port TCP port, default 5222
 * @param pubsubService the PubSub service ({@code pubsub_node}), e.g. {@code pubsub.example.com}
 * @param jid the bare account JID from {@code username}
 * @param resource the resource from {@code username}, if it had one
 * @param secret the password; never logged
 * @param priority presence priority
 * @param distributeEvents whether this account shares device state and MWI ({@code distribute_events})
 * @param status presence show value
 * @param statusMessage presence status text
 * @param useTls STARTTLS required with certificate verification
 * @param useSasl SASL authentication
 * @param forceOldSsl Asterisk's legacy direct-TLS flag (accepted, see {@code check-config})
 * @param keepalive whether to send keepalive pings
 * @param timeout reply timeout for requests to the server
 * @param context Asterisk dialplan context for messages (ignored by statefed)
 * @param sendToDialplan Asterisk dialplan routing flag (ignored by statefed)
 * @param buddies the other sites' bare JIDs, in file order, without duplicates
 * @param tlsCaFile an extra CA certificate (PEM) trusted besides the system store
 * @param buddyPubsub where a buddy on another domain publishes in the per-site layout ({@code buddy_pubsub =
 *     JID SERVICE}); a buddy not named here has its domain's PubSub service discovered
 * @param alternateServers further addresses of the same server ({@code alternate_server}, e.g. the other nodes
 *     of a cluster), tried in order after {@code serverhost:port} when a connection attempt fails
 */
public record ClientConfig(
        String name,
        ClientType type,
        String serverHost,
        int port,
        String pubsubService,
        EntityBareJid jid,
        Optional<Resourcepart> resource,
        String secret,
        int priority,
        boolean distributeEvents,
        PresenceStatus status,
        String statusMessage,
        boolean useTls,
        boolean useSasl,
        boolean forceOldSsl,
        boolean keepalive,
        Duration timeout,
        String context,
        boolean sendToDialplan,
        List<EntityBareJid> buddies,
        Optional<Path> tlsCaFile,
        List<ServerAddress> alternateServers,
        Map<EntityBareJid, DomainBareJid> buddyPubsub) {

    public ClientConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(serverHost, "serverHost");
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tlsCaFile, "tlsCaFile");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        buddies = List.copyOf(buddies);
        alternateServers = List.copyOf(alternateServers);
        buddyPubsub = Map.copyOf(buddyPubsub);
        statusMessage = statusMessage == null ? "" : statusMessage;
        context = context == null ? "" : context;
        pubsubService = pubsubService == null ? "" : pubsubService;
    }

    /** A client section with one server address only. */
    public ClientConfig(String name, ClientType type, String serverHost, int port, String pubsubService,
            EntityBareJid jid, Optional<Resourcepart> resource, String secret, int priority, boolean distributeEvents,
            PresenceStatus status, String statusMessage, boolean useTls, boolean useSasl, boolean forceOldSsl,
            boolean keepalive, Duration timeout, String context, boolean sendToDialplan, List<EntityBareJid> buddies,
            Optional<Path> tlsCaFile) {
        this(name, type, serverHost, port, pubsubService, jid, resource, secret, priority, distributeEvents, status,
                statusMessage, useTls, useSasl, forceOldSsl, keepalive, timeout, context, sendToDialplan, buddies,
                tlsCaFile, List.of());
    }

    /** A client section whose buddies' PubSub services are all discovered (no {@code buddy_pubsub}). */
    public ClientConfig(String name, ClientType type, String serverHost, int port, String pubsubService,
            EntityBareJid jid, Optional<Resourcepart> resource, String secret, int priority, boolean distributeEvents,
            PresenceStatus status, String statusMessage, boolean useTls, boolean useSasl, boolean forceOldSsl,
            boolean keepalive, Duration timeout, String context, boolean sendToDialplan, List<EntityBareJid> buddies,
            Optional<Path> tlsCaFile, List<ServerAddress> alternateServers) {
        this(name, type, serverHost, port, pubsubService, jid, resource, secret, priority, distributeEvents, status,
                statusMessage, useTls, useSasl, forceOldSsl, keepalive, timeout, context, sendToDialplan, buddies,
                tlsCaFile, alternateServers, Map.of());
    }

    /** Whether a PubSub service is configured. */
    public boolean hasPubsubService() {
        return !pubsubService.isEmpty();
    }

    /** The JID as written, with its resource if any, e.g. {@code server1@example.com/site1}. */
    public String displayJid() {
        return resource.map(r -> jid + "/" + r).orElse(jid.toString());
    }

    @Override
    public String toString() {
        return "ClientConfig[name=" + name + ", type=" + type + ", serverHost=" + serverHost
                + ", port=" + port + ", pubsubService=" + pubsubService + ", jid=" + displayJid()
                + ", secret=***, priority=" + priority + ", distributeEvents=" + distributeEvents
                + ", status=" + status + ", statusMessage=" + statusMessage + ", useTls=" + useTls
                + ", useSasl=" + useSasl + ", forceOldSsl=" + forceOldSsl + ", keepalive=" + keepalive
                + ", timeout=" + timeout + ", context=" + context + ", sendToDialplan=" + sendToDialplan
                + ", buddies=" + buddies + ", tlsCaFile=" + tlsCaFile + ", alternateServers=" + alternateServers
                + ", buddyPubsub=" + buddyPubsub + "]";
    }
}
