package org.statefed.app;

import java.time.Clock;

import org.statefed.node.NodeSurface;
import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.xmpp.Counters;

/** What every surface shows of a running {@link StatefedNode} alike; the admin and web views add their own. */
abstract class NodeSurfaceView implements NodeSurface {
    final StatefedNode node;
    private final Clock clock;
    private final String version;

    /** @param clock the clock the node was made with */
    NodeSurfaceView(StatefedNode node, Clock clock, String version) {
        this.node = node;
        this.clock = clock;
        this.version = version;
    }

    @Override
    public final String version() {
        return version;
    }

    @Override
    public final Clock clock() {
        return clock;
    }

    @Override
    public final DeviceStateTable devices() {
        return node.devices();
    }

    @Override
    public final HintTable hints() {
        return node.hints();
    }

    @Override
    public final MwiTable mailboxes() {
        return node.mailboxes();
    }

    @Override
    public final Counters counters() {
        return node.counters();
    }

    @Override
    public final void changeDeviceState(String device, DeviceState state) {
        node.changeDeviceState(device, state);
    }

    @Override
    public final void updateMailbox(String mailbox, MwiCounts counts) {
        node.updateMailbox(mailbox, counts.newMessages(), counts.oldMessages());
    }
}
