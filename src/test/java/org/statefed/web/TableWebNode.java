package org.statefed.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.xmpp.Counters;

/** A node of bare tables: what the web package sees, without XMPP. Local changes go straight into the tables. */
class TableWebNode implements WebNode {
    static final EntityId OWN = EntityId.parse("00:00:5e:00:53:0a");
    static final EntityId PEER = EntityId.parse("00:00:5e:00:53:0b");

    final Clock clock;
    final DeviceStateTable devices;
    final HintTable hints;
    final MwiTable mailboxes;
    final Counters counters = new Counters();
    final List<PeerStatus> peers = new CopyOnWriteArrayList<>();

    TableWebNode(Clock clock) {
        this.clock = clock;
        this.devices = new DeviceStateTable(clock);
        this.hints = new HintTable(devices);
        this.mailboxes = new MwiTable(clock);
        peers.add(new PeerStatus("asterisk", "site-b@example.com", java.util.Optional.of(PEER), "online",
                "online", true));
    }

    @Override
    public EntityId entityId() {
        return OWN;
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public DeviceStateTable devices() {
        return devices;
    }

    @Override
    public HintTable hints() {
        return hints;
    }

    @Override
    public MwiTable mailboxes() {
        return mailboxes;
    }

    @Override
    public Counters counters() {
        return counters;
    }

    @Override
    public List<LinkStatus> links() {
        return List.of(new LinkStatus("asterisk", LinkKind.XMPP, "Connected", true, 1, List.of()));
    }

    @Override
    public List<PeerStatus> peers() {
        return new ArrayList<>(peers);
    }

    @Override
    public NodeLoad load() {
        return new NodeLoad(0, Map.of("asterisk", 0), OptionalLong.empty(), OptionalLong.empty());
    }

    @Override
    public void changeDeviceState(String device, DeviceState state) {
        devices.update(device, OWN, state, true);
    }

    @Override
    public void updateMailbox(String mailbox, MwiCounts counts) {
        mailboxes.update(mailbox, OWN, counts);
    }
}
