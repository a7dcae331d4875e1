package org.statefed.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.statefed.state.EntityId;

/**
 * The {@code [general]} section: Asterisk's keys plus statefed's own.
 *
 * @param debug verbose XMPP logging
 * @param autoprune remove roster entries that are not buddies
 * @param autoregister add buddies to the roster and ask for their presence
 * @param collectionNodes Asterisk's XEP-0248 collection nodes flag
 * @param pubsubAutocreate create missing PubSub nodes
 * @param authPolicy what to do with presence subscription requests
 * @param entityId this site's entity id
 * @param entityIdDerived true when {@code entityid} was not set and was derived from a MAC address
 * @param adminSocket path of the local admin socket
 * @param pubsubLayout node layout on the PubSub service
 * @param staleTimeout how long a vanished buddy's states are kept
 * @param heartbeatInterval how often each buddy's resources and our own server are pinged (XEP-0199); a
 *     buddy or server that misses {@link #HEARTBEAT_MISSES} answers in a row is treated as gone; zero: off
 * @param stateFile where the node keeps what it knows across restarts
 * @param maxDevicesPerSite how many devices one remote site (entity id) may have in our table
 * @param maxMailboxesPerSite how many mailboxes one remote site may have in our table
 * @param http the HTTP API, board and metrics ({@code http_*}); {@link HttpConfig#OFF} unless set
 */
public record GeneralConfig(
        boolean debug,
        boolean autoprune,
        boolean autoregister,
        boolean collectionNodes,
        boolean pubsubAutocreate,
        AuthPolicy authPolicy,
        EntityId entityId,
        boolean entityIdDerived,
        Path adminSocket,
        PubsubLayout pubsubLayout,
        Duration staleTimeout,
        Duration heartbeatInterval,
        Path stateFile,
        int maxDevicesPerSite,
        int maxMailboxesPerSite,
        HttpConfig http) {

    /** Pings missed in a row before a buddy (or our own server) counts as gone. */
    public static final int HEARTBEAT_MISSES = 3;

    /** The default {@code heartbeat_interval}: a 60 s cut is noticed within 15 to 20 s. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

    /** Far above any real PBX (each entry costs about 260 bytes), far below what exhausts the heap. */
    public static final int DEFAULT_MAX_DEVICES_PER_SITE = 50_000;
    public static final int DEFAULT_MAX_MAILBOXES_PER_SITE = 50_000;

    public GeneralConfig {
        Objects.requireNonNull(authPolicy, "authPolicy");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(adminSocket, "adminSocket");
        Objects.requireNonNull(pubsubLayout, "pubsubLayout");
        Objects.requireNonNull(staleTimeout, "staleTimeout");
        Objects.requireNonNull(stateFile, "stateFile");
        if (staleTimeout.isNegative()) {
            throw new IllegalArgumentException("staleTimeout must not be negative");
        }
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("heartbeatInterval must not be negative");
        }
        if (maxDevicesPerSite < 1 || maxMailboxesPerSite < 1) {
            throw new IllegalArgumentException("per-site caps must be at least 1");
        }
        Objects.requireNonNull(http, "http");
    }

    /** The settings without an HTTP server. */
    public GeneralConfig(boolean debug, boolean autoprune, boolean autoregister, boolean collectionNodes,
            boolean pubsubAutocreate, AuthPolicy authPolicy, EntityId entityId, boolean entityIdDerived,
            Path adminSocket, PubsubLayout pubsubLayout, Duration staleTimeout, Duration heartbeatInterval,
            Path stateFile, int maxDevicesPerSite, int maxMailboxesPerSite) {
        this(debug, autoprune, autoregister, collectionNodes, pubsubAutocreate, authPolicy, entityId, entityIdDerived,
                adminSocket, pubsubLayout, staleTimeout, heartbeatInterval, stateFile, maxDevicesPerSite,
                maxMailboxesPerSite, HttpConfig.OFF);
    }

    /** The settings with the default {@code heartbeat_interval} and per-site caps. */
    public GeneralConfig(boolean debug, boolean autoprune, boolean autoregister, boolean collectionNodes,
            boolean pubsubAutocreate, AuthPolicy authPolicy, EntityId entityId, boolean entityIdDerived,
            Path adminSocket, PubsubLayout pubsubLayout, Duration staleTimeout, Path stateFile) {
        this(debug, autoprune, autoregister, collectionNodes, pubsubAutocreate, authPolicy, entityId, entityIdDerived,
                adminSocket, pubsubLayout, staleTimeout, DEFAULT_HEARTBEAT_INTERVAL, stateFile,
                DEFAULT_MAX_DEVICES_PER_SITE, DEFAULT_MAX_MAILBOXES_PER_SITE);
    }

    /** These settings with another {@code heartbeat_interval}. */
    public GeneralConfig withHeartbeatInterval(Duration interval) {
        return new GeneralConfig(debug, autoprune, autoregister, collectionNodes, pubsubAutocreate, authPolicy,
                entityId, entityIdDerived, adminSocket, pubsubLayout, staleTimeout, interval, stateFile,
                maxDevicesPerSite, maxMailboxesPerSite, http);
    }

    /** These settings with other HTTP settings. */
    public GeneralConfig withHttp(HttpConfig settings) {
        return new GeneralConfig(debug, autoprune, autoregister, collectionNodes, pubsubAutocreate, authPolicy,
                entityId, entityIdDerived, adminSocket, pubsubLayout, staleTimeout, heartbeatInterval, stateFile,
                maxDevicesPerSite, maxMailboxesPerSite, settings);
    }

    /** How long a silent buddy or server takes to count as gone, at most; zero when heartbeats are off. */
    public Duration heartbeatDetection() {
        return heartbeatDetection(heartbeatInterval);
    }

    /** How long a silent buddy or server takes to count as gone, at most, with {@code interval}. */
    public static Duration heartbeatDetection(Duration interval) {
        return interval.multipliedBy(HEARTBEAT_MISSES + 1L);
    }
}
