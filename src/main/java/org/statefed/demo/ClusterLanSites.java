package org.statefed.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.statefed.admin.CommandRegistry;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;

/** The LAN steps' view of the running {@link DemoCluster}. */
final class ClusterLanSites implements LanSites {
    private final DemoCluster cluster;
    private final Function<StatefedNode, CommandRegistry> consoles;

    ClusterLanSites(DemoCluster cluster, Function<StatefedNode, CommandRegistry> consoles) {
        this.cluster = cluster;
        this.consoles = consoles;
    }

    @Override
    public void changeDeviceState(DemoSite site, String device, DeviceState state) {
        cluster.node(site).changeDeviceState(device, state);
    }

    @Override
    public Optional<DeviceState> state(DemoSite site, String device, EntityId eid) {
        return cluster.node(site).devices().state(device, eid);
    }

    @Override
    public String console(DemoSite site, String command) {
        return consoles.apply(cluster.node(site)).execute(command).output();
    }

    @Override
    public Duration staleTimeout() {
        return cluster.node(DemoSite.ALL.get(0)).config().general().staleTimeout();
    }
}
