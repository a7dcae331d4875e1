package org.statefed.app;

import java.util.ArrayList;
import java.util.List;

import org.statefed.config.StatefedConfig;
import org.statefed.corosync.CorosyncLink;
import org.statefed.node.Link;

/** The links a node has besides its XMPP accounts, built from their config sections: today the Corosync ones. */
final class LanLinks {

    private LanLinks() {
    }

    static List<Link> of(StatefedConfig config) {
        List<Link> links = new ArrayList<>();
        config.corosyncLinks().forEach(section -> links.add(new CorosyncLink(section)));
        return links;
    }
}
