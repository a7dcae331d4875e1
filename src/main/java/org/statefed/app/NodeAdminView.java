package org.statefed.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.statefed.admin.AdminNode;
import org.statefed.admin.AdminSite;
import org.statefed.config.ClientConfig;
import org.statefed.config.StatefedConfig;
import org.statefed.corosync.CorosyncView;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.SiteConnection;

/** A running {@link StatefedNode} as the admin commands see it. */
public final class NodeAdminView extends NodeSurfaceView implements AdminNode {
    private final List<AdminSite> sites;

    /** @param clock the clock the node was made with */
    public NodeAdminView(StatefedNode node, Clock clock) {
        this(node, clock, Version.current());
    }

    NodeAdminView(StatefedNode node, Clock clock, String version) {
        super(node, clock, version);
        Map<String, ClientConfig> clients = node.config().distributingClients().stream()
                .collect(Collectors.toMap(ClientConfig::name, Function.identity()));
        List<AdminSite> list = new ArrayList<>();
        for (SiteConnection site : node.sites()) {
            list.add(new SiteAdminView(site, clients.get(site.name())));
        }
        this.sites = List.copyOf(list);
    }

    @Override
    public List<CorosyncView> corosyncLinks() {
        return node.links().stream().filter(CorosyncView.class::isInstance).map(CorosyncView.class::cast).toList();
    }

    @Override
    public StatefedConfig config() {
        return node.config();
    }

    @Override
    public List<org.statefed.node.LinkStatus> linkStatuses() {
        return node.linkStatuses();
    }

    @Override
    public List<AdminSite> sites() {
        return sites;
    }
}
