package org.statefed.xmpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.SocketFactory;

/**
 * Makes the TCP sockets of one site's connection, and closes the current one on {@link #close()}.
 *
 * <p>Why: Smack's disconnect waits for the server's closing stream tag (up to the reply timeout, and for
 * the whole of it when the link died just before: its reader then ignores the error), and waits for the
 * connection's lock behind a connect in progress. Closing the socket from outside is the one way to end
 * the link within a stop's deadline whatever Smack is waiting for; once closed, no new socket is made, so
 * a connect still running cannot bring the stopped site back online.
 */
final class SiteSockets extends SocketFactory {
    private final AtomicReference<Socket> current = new AtomicReference<>();
    private volatile boolean closed;
    /** serverhost:port first, then the alternate_server addresses; empty: connect where Smack says. */
    private final java.util.List<java.net.InetSocketAddress> addresses;
    /** Which of {@link #addresses} the next connection goes to: stays on one that works, moves on after a failure. */
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

    SiteSockets() {
        this(java.util.List.of());
    }

    /**
     * @param addresses where the server accepts connections, in order of preference (serverhost:port first); with
     *     more than one, each connection attempt goes to the address after the one whose connection failed last
     */
    SiteSockets(java.util.List<java.net.InetSocketAddress> addresses) {
        this.addresses = java.util.List.copyOf(addresses);
    }

    @Override
    public Socket createSocket() throws IOException {
        refuseIfClosed();
        Socket socket = addresses.size() < 2 ? new Socket() : new RotatingSocket();
        current.set(socket);
        if (closed) {
            // close() ran between the check and set(): it may have missed this socket.
            socket.close();
            refuseIfClosed();
        }
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    /** The address the next connection attempt goes to (for log lines). */
    String nextAddress() {
        return addresses.isEmpty() ? "" : text(addresses.get(Math.floorMod(next.get(), addresses.size())));
    }

    /** {@code host:port}; an IPv6 address in brackets, as alternate_server writes it ({@code [::1]:5222}). */
    private static String text(java.net.InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Connects to the current one of {@link #addresses}, whatever address Smack asks for (Smack knows one host
     * and port), and moves on to the next after a failure: a failed connect closes a socket, so the failover
     * happens across connection attempts, which the site retries with backoff (1 s apart at first).
     */
    private final class RotatingSocket extends Socket {
        @Override
        public void connect(java.net.SocketAddress endpoint, int timeout) throws IOException {
            int index = Math.floorMod(next.get(), addresses.size());
            java.net.InetSocketAddress configured = addresses.get(index);
            // Resolved now, not when the file was read: DNS may change while the node runs.
            java.net.InetSocketAddress target = new java.net.InetSocketAddress(configured.getHostString(),
                    configured.getPort());
            try {
                super.connect(target, timeout);
            } catch (IOException e) {
                next.compareAndSet(index, index + 1);
                throw new java.net.ConnectException(text(configured) + " refused or unreachable (" + e.getMessage()
                        + "); the next attempt goes to " + nextAddress());
            }
        }
    }

    /**
     * Closes the current socket (the server sees the TCP connection end at once) and refuses new ones.
     *
     * @throws IOException if the socket failed to close
     */
    void close() throws IOException {
        closed = true;
        Socket socket = current.get();
        if (socket != null) {
            socket.close();
        }
    }

    private void refuseIfClosed() throws SocketException {
        if (closed) {
            throw new SocketException("this site is stopping: no new connection");
        }
    }
}
