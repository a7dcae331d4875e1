package org.statefed.it.fault;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.statefed.config.PubsubLayout;
import org.statefed.it.Cluster;
import org.statefed.it.fixture.XmppServer;

/**
 * A {@link Cluster} whose sites each connect through their own {@link TcpProxy}, so a test can slow,
 * cut and heal one site's link, or the server's for all.
 */
final class ProxiedCluster extends Cluster {
    private final Map<String, TcpProxy> proxies = new LinkedHashMap<>();

    ProxiedCluster(XmppServer server, PubsubLayout layout, int sites, Duration staleTimeout) throws IOException {
        super(server, layout, sites, Map.of());
        for (String name : names()) {
            proxies.put(name, new TcpProxy(server.host(), server.clientPort()));
        }
        withStaleTimeout(staleTimeout);
        withPortOf(name -> proxies.get(name).port());
    }

    TcpProxy proxy(String name) {
        return proxies.get(name);
    }

    /**
     * A site dies without a goodbye, as with {@code kill -9}: its link is cut first (the server sees the
     * TCP connection drop, exactly what a killed process's socket does), then the node is discarded.
     *
     * @return {@link System#nanoTime()} at the cut: what the other sites see starts there, not when this
     *         method returns
     */
    long crash(String name) {
        long cut = System.nanoTime();
        proxies.get(name).cut();
        discard(name, Duration.ofMillis(100));
        proxies.get(name).heal();
        return cut;
    }

    @Override
    public void close() {
        super.close();
        proxies.values().forEach(TcpProxy::close);
    }
}
