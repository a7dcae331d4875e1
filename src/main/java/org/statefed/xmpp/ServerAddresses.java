package org.statefed.xmpp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.statefed.config.ClientConfig;
import org.statefed.config.ServerAddress;

/** Where one account may connect, in order: serverhost:port, then each alternate_server. */
final class ServerAddresses {
    private ServerAddresses() {
    }

    /** Unresolved addresses: each connection attempt resolves its own. Only serverhost:port: a one-element list. */
    static List<InetSocketAddress> of(ClientConfig client) {
        List<InetSocketAddress> out = new ArrayList<>();
        out.add(InetSocketAddress.createUnresolved(client.serverHost(), client.port()));
        for (ServerAddress alternate : client.alternateServers()) {
            out.add(InetSocketAddress.createUnresolved(alternate.host(), alternate.port()));
        }
        return out;
    }
}
