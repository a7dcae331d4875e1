package org.statefed.it.fault;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy for fault injection, standing in for the network between one statefed site and its XMPP
 * server (this kernel has no {@code tc netem}): listens on a free loopback port and forwards to the
 * server; can delay each direction by a latency ± jitter (order kept, as TCP would), cut every
 * connection and refuse new ones (a partition, or a site that died without a goodbye), black-hole
 * every connection (nothing is forwarded either way but the sockets stay open: a server or path that
 * stopped answering without closing anything), and heal.
 */
final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean blackholed;
    private volatile boolean closed;
    private volatile long latencyMillis;
    private volatile long jitterMillis;

    TcpProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port sites connect to instead of the server's. */
    int port() {
        return listener.getLocalPort();
    }

    /** Delays every chunk by {@code latency} ± {@code jitter}, in each direction (new data from now on). */
    void delay(Duration latency, Duration jitter) {
        this.latencyMillis = latency.toMillis();
        this.jitterMillis = jitter.toMillis();
    }

    /** Closes every open connection and refuses new ones until {@link #heal()}. */
    void cut() {
        cut = true;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /**
     * Stops forwarding in both directions on every connection, open or new, keeping all sockets open.
     * What is sent meanwhile is held back and delivered after {@link #restore()}, as TCP retransmission
     * would after a short cut (an end that gave up and closed its socket never sees it).
     */
    void blackhole() {
        blackholed = true;
    }

    /** Forwards again, starting with what was held back. */
    void restore() {
        blackholed = false;
    }

    /** Accepts and forwards connections again. */
    void heal() {
        cut = false;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        cut();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 2000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, "up");
                pump(server, client, "down");
            } catch (IOException e) {
                // The server is down: the site sees its connection refused-like close, as it would.
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        // FIFO with non-decreasing due times: chunks leave in order, each no earlier than its due time.
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[16384];
            long lastDue = 0;
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long latency = latencyMillis;
                    long jitter = jitterMillis == 0 ? 0
                            : ThreadLocalRandom.current().nextLong(-jitterMillis, jitterMillis + 1);
                    long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, latency + jitter));
                    lastDue = Math.max(lastDue, due);
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), lastDue));
                }
            } catch (IOException e) {
                // Connection closed (cut, or the other side went away): forward what was read, then close.
            }
            queue.add(new Chunk(null, lastDue));
        }, "proxy-" + direction + "-read");
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    // Even an end's close waits: through a blackhole no FIN reaches the other end either.
                    while (blackholed && !closed && !cut) {
                        // Polling keeps blackhole()/restore() free of locks; 5 ms is far below any interval tested.
                        LockSupport.parkNanos(5_000_000);
                    }
                    long wait = chunk.dueNanos - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (chunk.data == null) {
                        break;
                    }
                    out.write(chunk.data);
                    out.flush();
                }
            } catch (IOException e) {
                // The pair is being torn down (cut, or an end closed).
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "proxy-" + direction + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing to inject a fault: a socket that fails to close is gone already.
        }
    }

    private record Chunk(byte[] data, long dueNanos) {
    }
}
