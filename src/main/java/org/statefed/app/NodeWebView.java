package org.statefed.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.web.NodeLoad;
import org.statefed.web.PeerStatus;
import org.statefed.node.StatefedNode;
import org.statefed.web.WebNode;
import org.statefed.xmpp.BuddyStatus;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.RemoteSite;
import org.statefed.xmpp.SiteConnection;

/** A running {@link StatefedNode} as the HTTP API, the board and the metrics see it. */
public final class NodeWebView extends NodeSurfaceView implements WebNode {

    /** @param clock the clock the node was made with */
    public NodeWebView(StatefedNode node, Clock clock) {
        super(node, clock, Version.current());
    }

    @Override
    public EntityId entityId() {
        return node.entityId();
    }

    /** Every link of the node (XMPP, Corosync, SIP publication), as it reports itself. */
    @Override
    public List<LinkStatus> links() {
        return node.linkStatuses();
    }

    @Override
    public List<PeerStatus> peers() {
        List<PeerStatus> peers = new ArrayList<>();
        for (SiteConnection site : node.sites()) {
            for (RemoteSite remote : site.remoteSites()) {
                peers.add(new PeerStatus(site.name(), remote.jid().toString(), remote.eid(), keyword(remote.liveness()),
                        remote.liveness().description(), remote.liveness() != RemoteSite.Liveness.STALE));
            }
        }
        return peers;
    }

    private static String keyword(RemoteSite.Liveness liveness) {
        return switch (liveness) {
            case ONLINE -> "online";
            case AWAY, UNKNOWN_EID -> "away";
            case STALE -> "stale";
            case UNKNOWN -> "unknown";
        };
    }

    @Override
    public NodeLoad load() {
        Map<String, Integer> backlog = new LinkedHashMap<>();
        node.sites().forEach(site -> backlog.put(site.name(), site.publishBacklog()));
        return new NodeLoad(node.mergeBacklog(), backlog,
                node.storeWriter().map(w -> OptionalLong.of(w.commits())).orElse(OptionalLong.empty()),
                node.storeWriter().map(w -> OptionalLong.of(w.keysWritten())).orElse(OptionalLong.empty()));
    }
}
