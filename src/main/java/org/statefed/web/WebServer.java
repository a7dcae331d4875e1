package org.statefed.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.HttpConfig;

/**
 * The node's HTTP server ({@code [general] http_bind}): the JSON API, the event stream, the lamp board and
 * {@code /metrics} on one Jetty connector. {@link #start} binds or fails with the reason; {@link #stop} ends the
 * event streams, then the server, within its timeout.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** A reconnecting board may have missed this many events and still catch up without a snapshot. */
    static final int REPLAY_EVENTS = 10_000;
    /** Several snapshots of 10 000 devices: a client further behind is cut off and starts again. */
    static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    static final Duration SITES_INTERVAL = Duration.ofSeconds(1);
    static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    /** Longer than the ping interval, so an open event stream is never taken for idle. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final HttpConfig config;
    private final Server server;
    private final ServerConnector connector;
    private final EventFeed feed;
    private final NodeMetrics metrics;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** @throws IllegalArgumentException when {@code config} has no {@code http_bind} */
    public WebServer(WebNode node, HttpConfig config) {
        this(node, config, REPLAY_EVENTS);
    }

    /** A server whose event stream keeps {@code replayEvents} events for clients that reconnect. */
    WebServer(WebNode node, HttpConfig config, int replayEvents) {
        InetSocketAddress bind = config.bind().orElseThrow(() -> new IllegalArgumentException("http_bind is not set"));
        this.config = config;
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("statefed-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        if (config.tls()) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(config.tlsKeystore().get().toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword(config.tlsKeystorePassword().orElse(""));
            http.addCustomizer(new SecureRequestCustomizer());
            this.connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        connector.setHost(bind.getAddress().getHostAddress());
        connector.setPort(bind.getPort());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        this.feed = new EventFeed(node, replayEvents, MAX_QUEUED_BYTES, SITES_INTERVAL, PING_INTERVAL);
        this.metrics = new NodeMetrics(node, feed);
        server.setHandler(new ApiHandler(node, new AccessCheck(config.token()), feed, metrics, new StaticFiles(),
                MAX_QUEUED_BYTES, node.clock()));
        // No graceful wait: the event streams are ended first, the other requests take milliseconds, and a
        // graceful stop waits on idle keep-alive connections (0.6 s per stop, measured) that have nothing to finish.
        server.setStopTimeout(0);
    }

    /**
     * Binds and serves.
     *
     * @throws WebServerException when the address cannot be bound or the TLS key store cannot be read
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("HTTP server already started");
        }
        feed.start();
        try {
            server.start();
        } catch (Exception e) {
            // Jetty's start() declares Exception: a bind failure, an unreadable key store.
            stopQuietly();
            throw new WebServerException("http_bind " + HttpConfig.hostPort(config.bind().get()) + ": cannot serve ("
                    + e.getMessage() + ")", e);
        }
        LOG.info("HTTP API, board and metrics at {} ({}){}", uri(), config.token().isPresent()
                ? "token required" : "no token", config.tls() ? ", TLS" : "");
    }

    /** Where the board is, e.g. {@code http://127.0.0.1:8088/}, with the port actually bound. */
    public URI uri() {
        String host = connector.getHost();
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.indexOf(':') >= 0
                ? "[" + host + "]" : host;
        return URI.create((config.tls() ? "https" : "http") + "://" + shown + ":" + connector.getLocalPort() + "/");
    }

    /** Ends the event streams, then stops the server, within a few seconds. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        feed.close();
        stopQuietly();
        metrics.close();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            // Jetty's stop() declares Exception; nothing is left to undo, so it is reported and the stop goes on.
            LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
