package org.statefed.sip.jain;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.statefed.config.SipHostPort;
import org.statefed.config.SipPublicationConfig;
import org.statefed.sip.InboundHandler;
import org.statefed.sip.OutgoingPublish;
import org.statefed.sip.PublishResult;
import org.statefed.sip.SipPeerTransport;
import org.statefed.sip.SipTransportFactory;

/**
 * The node's SIP listeners, one per {@code bind}: opened when the first section on that bind attaches,
 * closed when the last one leaves. One instance per node, given to each SIP link's constructor.
 */
public final class SipEndpoints implements SipTransportFactory {
    private final Map<SipHostPort, JainSipEndpoint> endpoints = new HashMap<>();

    @Override
    public synchronized SipPeerTransport attach(SipPublicationConfig config, InboundHandler handler) throws IOException {
        JainSipEndpoint endpoint = endpoints.get(config.bind());
        if (endpoint == null) {
            endpoint = JainSipEndpoint.open(config.bind());
            endpoints.put(config.bind(), endpoint);
        }
        JainSipEndpoint opened = endpoint;
        SipPeerTransport route = opened.route(config, handler);
        return new SipPeerTransport() {
            @Override
            public CompletableFuture<PublishResult> publish(OutgoingPublish publish) {
                return route.publish(publish);
            }

            @Override
            public void close() {
                route.close();
                synchronized (SipEndpoints.this) {
                    if (opened.isUnused() && endpoints.get(config.bind()) == opened) {
                        endpoints.remove(config.bind());
                        opened.close();
                    }
                }
            }
        };
    }
}
