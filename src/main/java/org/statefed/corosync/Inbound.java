package org.statefed.corosync;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.statefed.config.CorosyncConfig;
import org.statefed.config.CorosyncEventType;
import org.statefed.corosync.codec.ClusterDiscovery;
import org.statefed.corosync.codec.CorosyncEvent;
import org.statefed.corosync.codec.DecodedEvent;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventDecoder;
import org.statefed.corosync.codec.IgnoredEvent;
import org.statefed.corosync.codec.MwiUpdate;
import org.statefed.corosync.codec.Ping;
import org.statefed.corosync.codec.RejectedEvent;
import org.statefed.corosync.cpg.CpgAddress;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.Membership;
import org.statefed.link.RateLimitedLog;
import org.statefed.node.LinkContext;
import org.statefed.state.EntityId;

/**
 * What the link does with what the group says, for one membership of it: decodes deliveries, drops our
 * own echoes, our own entity id and bad bytes (counted), hands states to the hub's merge executor, answers
 * a new node's discovery, and keeps the members and their entity ids for the stale rule. Used on the
 * link's worker only; a rejoin starts a new one.
 */
final class Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);

    private final CorosyncConfig config;
    private final LinkContext context;
    private final CorosyncCounters counters;
    private final RateLimitedLog badInput;
    private final Members members;
    private final CpgMember self;
    private final Runnable announce;
    /** res_corosync's node table: node id to the entity id that announced it; a new one is answered. */
    private final Map<Long, EntityId> nodes = new HashMap<>();

    /**
     * @param members  who spoke for which entity ids; outlives a membership, so that ids gone with the
     *                 daemon come back when heard again
     * @param self     this member, whose own deliveries are dropped
     * @param announce sends our cluster discovery
     */
    Inbound(CorosyncConfig config, LinkContext context, CorosyncCounters counters, RateLimitedLog badInput,
            Members members, CpgMember self, Runnable announce) {
        this.config = config;
        this.context = context;
        this.counters = counters;
        this.badInput = badInput;
        this.members = members;
        this.self = self;
        this.announce = announce;
    }

    void delivered(CpgMember from, byte[] payload) {
        if (from.equals(self)) {
            // CPG delivers every message to its sender too; ours carry bridged entity ids, not just our own.
            counters.ownEcho.incrementAndGet();
            return;
        }
        counters.received.incrementAndGet();
        DecodedEvent decoded = EventDecoder.decode(payload);
        if (decoded instanceof RejectedEvent rejected) {
            counters.rejected.incrementAndGet();
            badInput.warn("rejected-" + rejected.reason(), "[{}] dropped a {}-byte message from {} in CPG group"
                    + " \"{}\": {} ({})", config.name(), payload.length, from, config.group(), rejected.reason(),
                    rejected.detail());
            return;
        }
        if (decoded instanceof IgnoredEvent ignored) {
            counters.ignored.incrementAndGet();
            LOG.trace("[{}] ignored a {} from {}: {}", config.name(), ignored.event().type(), from, ignored.why());
            return;
        }
        CorosyncEvent event = (CorosyncEvent) decoded;
        if (event.eid().equals(context.ownEid())) {
            counters.ownEid.incrementAndGet();
            badInput.warn("own-eid", "[{}] dropped a {} from {} carrying this node's own entity id {}: another"
                    + " server or bridge uses it; give each its own entityid", config.name(), event.type(), from,
                    event.eid());
            return;
        }
        if (members.heard(from, event.eid())) {
            Set<EntityId> back = Set.of(event.eid());
            context.mergeExecutor().execute(() -> context.peersBack(back));
        }
        if (event instanceof DeviceStateChange change) {
            learn(CorosyncEventType.DEVICE_STATE, () -> context.learnDeviceState(change.device(), change.eid(),
                    change.state(), change.cachable()));
        } else if (event instanceof MwiUpdate mwi) {
            learn(CorosyncEventType.MWI, () -> context.learnMailbox(mwi.mailboxId(), mwi.eid(), mwi.counts()));
        } else if (event instanceof Ping ping) {
            LOG.info("[{}] Got event PING from server with EID: '{}'", config.name(), ping.eid());
        } else if (event instanceof ClusterDiscovery discovery) {
            if (nodes.putIfAbsent(discovery.nodeId(), discovery.eid()) == null) {
                LOG.info("[{}] Node {} ({}) at {} joined the cluster", config.name(), discovery.nodeId(),
                        discovery.eid(), discovery.localAddress());
                announce.run();
            }
        }
    }

    private void learn(CorosyncEventType type, Runnable learning) {
        if (!config.subscribes(type)) {
            counters.notSubscribed.incrementAndGet();
            return;
        }
        context.mergeExecutor().execute(() -> {
            counters.learned.incrementAndGet();
            learning.run();
        });
    }

    /** A membership change: members that left take their entity ids to the stale rule. */
    void membershipChanged(Membership membership) {
        Set<EntityId> gone = members.changed(membership);
        for (CpgAddress left : membership.left()) {
            nodes.remove(left.member().nodeId());
            LOG.info("[{}] {} left CPG group \"{}\" ({})", config.name(), left.member(), config.group(),
                    left.reason());
        }
        if (!gone.isEmpty()) {
            LOG.info("[{}] {} entity ids go stale with the members that left: {}", config.name(), gone.size(), gone);
            context.mergeExecutor().execute(() -> context.peersGone(gone));
        }
    }

    /** The group is lost (corosync went away): every entity id heard goes to the stale rule. */
    Set<EntityId> lost() {
        Set<EntityId> gone = members.lostAll();
        if (!gone.isEmpty()) {
            context.mergeExecutor().execute(() -> context.peersGone(gone));
        }
        return gone;
    }
}
