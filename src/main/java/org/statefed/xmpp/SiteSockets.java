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

    @Override
    public Socket createSocket() throws IOException {
        refuseIfClosed();
        Socket socket = new Socket();
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
