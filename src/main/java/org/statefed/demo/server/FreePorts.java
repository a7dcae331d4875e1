package org.statefed.demo.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks TCP ports that are free on loopback right now. The sockets of one call are held open together so that
 * the ports it returns differ; another process may still take a port before the server binds it.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** One free loopback port. */
    public static int one() {
        return several(1).get(0);
    }

    /** {@code count} distinct free loopback ports. */
    public static List<Integer> several(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free loopback ports", e);
        } finally {
            closeAll(sockets);
        }
    }

    private static void closeAll(List<ServerSocket> sockets) {
        UncheckedIOException failure = null;
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                failure = new UncheckedIOException("cannot release probe socket " + socket, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
