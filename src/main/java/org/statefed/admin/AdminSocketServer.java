package org.statefed.admin;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.wire.ItemDecoder;

/**
 * Serves the {@link CommandRegistry} on a Unix domain socket that only the node's user may use
 * (see {@link AdminProtocol} for the framing). No TCP port is ever opened for administration.
 *
 * <p>The socket never exists with wider permissions than 0600: it is bound inside a fresh 0700
 * directory, narrowed to 0600 there, and only then hard-linked to its configured path. The link
 * fails if the path appeared meanwhile, so of two nodes starting at once exactly one gets the path.
 * An existing socket that accepts a connection belongs to a running node and this one refuses to
 * start; one that refuses connections is left over from a crash and is removed.
 *
 * <p>Threads: one accepts; each connection is served on its own thread, none of them Smack's. At most
 * {@link #MAX_CONNECTIONS} are served at once, and idle clients cannot lock the console out: a
 * connection that makes no progress (no complete command line, no answer frame written) for the
 * idle timeout is closed, and when all places are taken a new connection takes the place of the one
 * that has waited longest for a command (or, if all are running commands, the one stalled longest).
 * {@link #close()} stops everything and removes the socket file if it is still ours.
 */
public final class AdminSocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSocketServer.class);
    static final int MAX_CONNECTIONS = 16;
    /**
     * How long a connection may make no progress. Long enough for an operator who leaves a console
     * open over a coffee; the eviction of the longest-waiting connection, not this, keeps the console
     * reachable when many clients hang.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_SOCKET = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final Object fileKey;
    private final ServerSocketChannel server;
    private volatile CommandRegistry registry;
    private final Duration idleTimeout;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService connections;
    private final ScheduledExecutorService idleCheck;
    private final Thread acceptor;
    private volatile boolean closed;

    /** One client: its channel, and whether and since when it waits for a command line. */
    private static final class Connection {
        final SocketChannel channel;
        volatile long progressNanos = System.nanoTime();
        volatile boolean waitingForCommand = true;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void progressed(boolean waiting) {
            progressNanos = System.nanoTime();
            waitingForCommand = waiting;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing an admin connection failed: {}", describe(e));
            }
        }
    }

    private AdminSocketServer(Path path, Object fileKey, ServerSocketChannel server, Duration idleTimeout) {
        this.path = path;
        this.fileKey = fileKey;
        this.server = server;
        this.idleTimeout = idleTimeout;
        AtomicInteger count = new AtomicInteger();
        // Unbounded on purpose: open connections are bounded by MAX_CONNECTIONS below, and a thread
        // whose connection was just closed may still be ending when its successor starts.
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "statefed-admin-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.idleCheck = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "statefed-admin-idle");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "statefed-admin-accept");
        this.acceptor.setDaemon(true);
    }

    /** {@link #bind} then {@link #serve}. */
    public static AdminSocketServer start(Path path, CommandRegistry registry) throws AdminSocketException {
        return start(path, registry, DEFAULT_IDLE_TIMEOUT);
    }

    /** {@link #bind} then {@link #serve}, closing connections that make no progress for {@code idleTimeout}. */
    public static AdminSocketServer start(Path path, CommandRegistry registry, Duration idleTimeout)
            throws AdminSocketException {
        AdminSocketServer admin = bind(path, idleTimeout);
        admin.serve(registry);
        return admin;
    }

    /** {@link #bind(Path, Duration)} with the {@link #DEFAULT_IDLE_TIMEOUT}. */
    public static AdminSocketServer bind(Path path) throws AdminSocketException {
        return bind(path, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * Creates the socket at {@code path}, owner only, before the node is built: a second node learns
     * at once that it must not start. Connections wait until {@link #serve}.
     *
     * @throws AdminSocketException if another node answers there, or the socket cannot be created
     */
    public static AdminSocketServer bind(Path path, Duration idleTimeout) throws AdminSocketException {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
        }
        Path target = path.toAbsolutePath().normalize();
        Path parent = target.getParent();
        try {
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            }
            Optional<String> unsafe = SocketOwnership.unsafeDirectory(parent);
            if (unsafe.isPresent()) {
                throw new AdminSocketException("will not create the admin socket " + target + ": " + unsafe.get());
            }
            if (SocketOwnership.othersMayCreateIn(parent)) {
                LOG.warn("admin socket {}: other users may create files in {}, so one could take the socket's path"
                        + " before this node starts; a directory only this user can write is safer, e.g."
                        + " /run/statefed/statefed.sock", target, parent);
            }
            removeIfStale(target);
            Path privateDir = Files.createDirectory(parent.resolve(".statefed-" + randomHex()), PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            Path bound = privateDir.resolve("s");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(bound));
                Files.setPosixFilePermissions(bound, OWNER_ONLY_SOCKET);
                Files.createLink(target, bound);
            } catch (FileAlreadyExistsException e) {
                server.close();
                throw new AdminSocketException("another statefed node created the admin socket " + target
                        + " just now; stop it first, or give this node another admin_socket", e);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            } finally {
                Files.deleteIfExists(bound);
                Files.deleteIfExists(privateDir);
            }
            Object key = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new AdminSocketServer(target, key, server, idleTimeout);
        } catch (IOException | UnsupportedOperationException e) {
            throw new AdminSocketException("cannot create the admin socket " + target + ": " + describe(e)
                    + "; check that its directory exists and is writable by this user, or set admin_socket", e);
        }
    }

    /** Removes a socket file nobody answers on; refuses if a node answers, or if the path is not a socket. */
    private static void removeIfStale(Path target) throws IOException, AdminSocketException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isOther()) {
            throw new AdminSocketException(target + " exists and is not a socket; remove it or set admin_socket to "
                    + "another path");
        }
        String owner = SocketOwnership.owner(target);
        if (!owner.equals(SocketOwnership.currentUser())) {
            // Neither probed nor removed: it may be another user's impostor, waiting for our commands.
            throw new AdminSocketException("the admin socket " + target + " already exists and belongs to user '"
                    + owner + "', not to '" + SocketOwnership.currentUser() + "' who runs this node; another user may"
                    + " have put it there to pose as statefed. Remove it, and put admin_socket in a directory only"
                    + " this user can write, e.g. /run/statefed/statefed.sock");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(target))) {
            LOG.debug("admin socket {} answered a probe from {}", target, probe.getLocalAddress());
        } catch (IOException e) {
            LOG.info("removing stale admin socket {} (nothing answers there: {})", target, describe(e));
            Files.deleteIfExists(target);
            return;
        }
        throw new AdminSocketException("another statefed node is running: it answers on the admin socket "
                + target + "; stop it first (statefed -c FILE -rx \"core show settings\" shows which it is), "
                + "or give this node another admin_socket");
    }

    /** Starts answering connections with {@code commands}; once only. */
    public synchronized void serve(CommandRegistry commands) {
        Objects.requireNonNull(commands, "commands");
        if (registry != null) {
            throw new IllegalStateException("admin socket " + path + " is already served");
        }
        registry = commands;
        long period = Math.max(50, idleTimeout.toMillis() / 4);
        idleCheck.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
        acceptor.start();
        LOG.info("admin socket ready at {} (owner only); use statefed -c FILE -r or -rx \"COMMAND\"", path);
    }

    /** Six hex digits, so that the private directory's name is short (socket paths are limited to ~100 bytes). */
    private static String randomHex() {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The socket's absolute path. */
    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("admin socket {}: accepting a connection failed: {}", path, describe(e));
                }
                continue;
            }
            if (open.size() >= MAX_CONNECTIONS && !evictLongestWaiting()) {
                // Only if the connections ended on their own meanwhile: then there is room next time.
                refuse(channel);
                continue;
            }
            Connection connection = new Connection(channel);
            open.add(connection);
            try {
                connections.execute(() -> serve(connection));
            } catch (RejectedExecutionException e) {
                open.remove(connection);
                refuse(channel);
            }
        }
    }

    /**
     * Makes room for a new connection: closes the one that has waited longest for a command or, if
     * every one is running a command, the one that made no progress for longest (e.g. a client that
     * asked for a long list and does not read it). So a command from the console always gets through.
     */
    private boolean evictLongestWaiting() {
        Connection longest = null;
        for (Connection connection : open) {
            if (longest == null || connection.waitingForCommand && !longest.waitingForCommand
                    || connection.waitingForCommand == longest.waitingForCommand
                    && connection.progressNanos - longest.progressNanos < 0) {
                longest = connection;
            }
        }
        if (longest == null || !open.remove(longest)) {
            return false;
        }
        LOG.warn("admin socket {}: {} connections are open; closing the one {} for longest ({})", path,
                MAX_CONNECTIONS, longest.waitingForCommand ? "waiting for a command" : "stalled in a command",
                Age.of(Duration.ofNanos(System.nanoTime() - longest.progressNanos)));
        longest.close();
        return true;
    }

    /** Who is at the other end (SO_PEERCRED), for the audit lines; the socket is owner-only, so its owner or root. */
    private static String peerUser(SocketChannel channel) {
        try {
            return channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    /** Closes connections that made no progress for the idle timeout: a silent client, or one that does not read. */
    private void closeIdle() {
        long now = System.nanoTime();
        for (Connection connection : open) {
            if (now - connection.progressNanos >= idleTimeout.toNanos() && open.remove(connection)) {
                LOG.info("admin socket {}: closing a connection that made no progress for {}", path,
                        Age.of(idleTimeout));
                connection.close();
            }
        }
    }

    private void serve(Connection connection) {
        SocketChannel channel = connection.channel;
        String peer = peerUser(channel);
        try (channel) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            while (!closed) {
                String line;
                try {
                    line = AdminProtocol.readRequest(in);
                } catch (AdminProtocol.LineTooLongException e) {
                    AdminProtocol.writeResult(out, new CommandResult(CommandStatus.USAGE,
                            "Command longer than " + AdminProtocol.MAX_LINE_BYTES + " bytes.\n"));
                    return;
                }
                if (line == null) {
                    return;
                }
                connection.progressed(false);
                CommandResult result;
                try {
                    result = registry.execute(line, chunk -> {
                        AdminProtocol.writeMore(out, chunk);
                        connection.progressed(false);
                    });
                } catch (CommandOutput.SinkFailedException e) {
                    throw e.getCause();
                }
                if (registry.changesState(line)) {
                    LOG.info("admin socket {}: user {} ran {}: {}", path, peer, ItemDecoder.quoted(line), result.status());
                } else {
                    LOG.debug("admin command '{}': {}", line, result.status());
                }
                AdminProtocol.writeResult(out, result);
                connection.progressed(true);
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("admin connection on {} ended: {}", path, describe(e));
            }
        } catch (RuntimeException e) {
            LOG.error("admin connection on {} failed", path, e);
        } finally {
            open.remove(connection);
        }
    }

    private void refuse(SocketChannel channel) {
        try (channel) {
            AdminProtocol.writeResult(Channels.newOutputStream(channel), new CommandResult(CommandStatus.FAILURE,
                    "The node's admin connections are changing hands; try again.\n"));
        } catch (IOException e) {
            LOG.debug("admin socket {}: refusing a connection failed: {}", path, describe(e));
        }
    }

    /** Stops serving and removes the socket file, unless another node has put its own there since. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("admin socket {}: closing failed: {}", path, describe(e));
        }
        idleCheck.shutdownNow();
        connections.shutdownNow();
        open.forEach(Connection::close);
        try {
            Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(current, fileKey)) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            LOG.debug("admin socket {} was already removed", path);
        } catch (IOException e) {
            LOG.warn("admin socket {}: removing it failed: {}", path, describe(e));
        }
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
