package org.statefed.node;

import java.time.Clock;

import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.xmpp.Counters;

/**
 * A node surface of bare tables, for the admin and web tests: no links, and this site's own changes go
 * straight into the tables under {@link #own}.
 */
public abstract class TableSurface implements NodeSurface {
    public final EntityId own;
    public final DeviceStateTable devices;
    public final HintTable hints;
    public final MwiTable mailboxes;
    public final Counters counters = new Counters();
    private final Clock clock;
    private final String version;

    protected TableSurface(Clock clock, EntityId own, String version) {
        this.clock = clock;
        this.own = own;
        this.version = version;
        this.devices = new DeviceStateTable(clock);
        this.hints = new HintTable(devices);
        this.mailboxes = new MwiTable(clock);
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
        return devices;
    }

    @Override
    public final HintTable hints() {
        return hints;
    }

    @Override
    public final MwiTable mailboxes() {
        return mailboxes;
    }

    @Override
    public final Counters counters() {
        return counters;
    }

    @Override
    public final void changeDeviceState(String device, DeviceState state) {
        devices.update(device, own, state, true);
    }

    @Override
    public final void updateMailbox(String mailbox, MwiCounts counts) {
        mailboxes.update(mailbox, own, counts);
    }
}
