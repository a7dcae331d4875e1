package org.statefed.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.node.TableSurface;
import org.statefed.state.EntityId;

/** A node of bare tables: what the web package sees, without XMPP. Local changes go straight into the tables. */
class TableWebNode extends TableSurface implements WebNode {
    static final EntityId OWN = EntityId.parse("00:00:5e:00:53:0a");
    static final EntityId PEER = EntityId.parse("00:00:5e:00:53:0b");

    final List<PeerStatus> peers = new CopyOnWriteArrayList<>();

    TableWebNode(Clock clock) {
        super(clock, OWN, "test");
        peers.add(new PeerStatus("asterisk", "site-b@example.com", java.util.Optional.of(PEER), "online",
                "online", true));
    }

    @Override
    public EntityId entityId() {
        return OWN;
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

}
