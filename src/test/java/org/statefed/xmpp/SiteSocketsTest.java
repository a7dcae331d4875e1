package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

/** What a stop relies on to end a site's link whatever Smack is waiting for. */
class SiteSocketsTest {
    @Test
    void closingEndsTheCurrentConnectionAndRefusesNewOnes() throws Exception {
        SiteSockets sockets = new SiteSockets();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket socket = sockets.createSocket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                sockets.close();

                assertThat(socket.isClosed()).isTrue();
                assertThat(accepted.getInputStream().read()).as("the far end sees the connection end").isEqualTo(-1);
            }
            assertThatThrownBy(sockets::createSocket).isInstanceOf(SocketException.class)
                    .hasMessageContaining("stopping");
            assertThatThrownBy(() -> sockets.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort()))
                    .isInstanceOf(SocketException.class);
        }
    }

    @Test
    void withAlternateServersAFailedConnectionSendsTheNextAttemptToTheNextAddressAndStaysThere() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int deadPort;
        try (ServerSocket closed = new ServerSocket(0, 1, loopback)) {
            deadPort = closed.getLocalPort();
        }
        try (ServerSocket alive = new ServerSocket(0, 1, loopback)) {
            SiteSockets sockets = new SiteSockets(java.util.List.of(
                    InetSocketAddress.createUnresolved(loopback.getHostAddress(), deadPort),
                    InetSocketAddress.createUnresolved(loopback.getHostAddress(), alive.getLocalPort())));
            // Smack names serverhost:port; the address list decides.
            InetSocketAddress asked = new InetSocketAddress(loopback, deadPort);
            assertThatThrownBy(() -> sockets.createSocket().connect(asked, 1000))
                    .isInstanceOf(java.net.ConnectException.class)
                    .hasMessageContaining(loopback.getHostAddress() + ":" + deadPort + " refused or unreachable")
                    .hasMessageContaining("the next attempt goes to " + loopback.getHostAddress() + ":"
                            + alive.getLocalPort());
            for (int attempt = 0; attempt < 2; attempt++) {
                try (Socket socket = sockets.createSocket()) {
                    socket.connect(asked, 1000);
                    assertThat(socket.getPort()).isEqualTo(alive.getLocalPort());
                    alive.accept().close();
                }
            }
        }
    }

    /** alternate_server = [::1]:PORT reaches the IPv6 loopback; the messages write the address in brackets. */
    @Test
    void anIpv6AlternateServerIsConnectedToAndNamedInBrackets() throws Exception {
        InetAddress ipv6 = InetAddress.getByName("::1");
        InetAddress ipv4 = InetAddress.getByName("127.0.0.1");
        ServerSocket alive;
        try {
            alive = new ServerSocket(0, 1, ipv6);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback on this machine (" + e.getMessage() + ")");
            return;
        }
        int deadPort;
        try (ServerSocket closed = new ServerSocket(0, 1, ipv4)) {
            deadPort = closed.getLocalPort();
        }
        try (alive) {
            SiteSockets sockets = new SiteSockets(java.util.List.of(
                    InetSocketAddress.createUnresolved("127.0.0.1", deadPort),
                    InetSocketAddress.createUnresolved("::1", alive.getLocalPort())));
            InetSocketAddress asked = new InetSocketAddress(ipv4, deadPort);
            assertThatThrownBy(() -> sockets.createSocket().connect(asked, 1000))
                    .hasMessageContaining("the next attempt goes to [::1]:" + alive.getLocalPort());
            try (Socket socket = sockets.createSocket()) {
                socket.connect(asked, 1000);
                assertThat(socket.getInetAddress()).isEqualTo(ipv6);
                alive.accept().close();
            }
        }
    }
}
