package org.statefed.app;

import java.util.ArrayList;
import java.util.List;

import org.statefed.config.StatefedConfig;
import org.statefed.corosync.CorosyncLink;
import org.statefed.node.Link;
import org.statefed.sip.SipPublicationLink;
import org.statefed.sip.jain.SipEndpoints;

/** The links a node has besides its XMPP accounts, built from their config sections: today the Corosync ones. */
final class LanLinks {

    private LanLinks() {
    }

    static List<Link> of(StatefedConfig config) {
        List<Link> links = new ArrayList<>();
        config.corosyncLinks().forEach(section -> links.add(new CorosyncLink(section)));
        // The SIP sections on one bind share its listener.
        SipEndpoints endpoints = new SipEndpoints();
        config.sipPublications().forEach(section -> links.add(SipPublicationLink.create(section, endpoints)));
        return links;
    }
}
