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
public final class NodeWebView implements WebNode {
    private final StatefedNode node;
    private final Clock clock;

    /** @param clock the clock the node was made with */
    public NodeWebView(StatefedNode node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    @Override
    public EntityId entityId() {
        return node.entityId();
    }

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public DeviceStateTable devices() {
        return node.devices();
    }

    @Override
    public HintTable hints() {
        return node.hints();
    }

    @Override
    public MwiTable mailboxes() {
        return node.mailboxes();
    }

    @Override
    public Counters counters() {
        return node.counters();
    }

    @Override
    public List<LinkStatus> links() {
        List<LinkStatus> links = new ArrayList<>();
        for (SiteConnection site : node.sites()) {
            int online = (int) site.buddies().stream().filter(BuddyStatus::online).count();
            boolean ready = site.linkState() == LinkState.CONNECTED && site.completedSetups() > 0;
            links.add(new LinkStatus(site.name(), LinkKind.XMPP, site.linkState().displayText(), ready, online,
                    List.of(site.displayJid())));
        }
        return links;
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

    @Override
    public void changeDeviceState(String device, DeviceState state) {
        node.changeDeviceState(device, state);
    }

    @Override
    public void updateMailbox(String mailbox, MwiCounts counts) {
        node.updateMailbox(mailbox, counts.newMessages(), counts.oldMessages());
    }
}
