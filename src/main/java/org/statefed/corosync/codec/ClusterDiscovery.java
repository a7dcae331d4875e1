package org.statefed.corosync.codec;

import java.util.Objects;

import org.statefed.state.EntityId;

/**
 * {@code AST_EVENT_CLUSTER_DISCOVERY}: a member announcing itself. Asterisk sends it when its dispatch
 * thread starts and again whenever it learns of a Corosync node id it did not know.
 *
 * @param nodeId the sender's Corosync node id, an unsigned 32-bit number
 * @param localAddress the sender's address as text, e.g. {@code 127.0.0.1}
 * @param eid the sender
 */
public record ClusterDiscovery(long nodeId, String localAddress, EntityId eid) implements CorosyncEvent, DecodedEvent {
    static final long MAX_NODE_ID = 0xFFFF_FFFFL;

    public ClusterDiscovery {
        if (nodeId < 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException("node id must be an unsigned 32-bit number: " + nodeId);
        }
        Names.require(Names.problem("local address", localAddress));
        Objects.requireNonNull(eid, "eid");
    }

    @Override
    public EventType type() {
        return EventType.CLUSTER_DISCOVERY;
    }
}
