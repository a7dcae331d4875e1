package org.statefed.it;

import org.statefed.node.StatefedNode;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.wire.DeviceStateElement;

/**
 * One server's benchmark set-up: three statefed sites A, B, C ({@link Cluster}, per-site layout), what
 * B and C have applied of A's devices, and the raw-Smack baseline with two subscribers, so the server
 * fans each item out to two receivers on both sides.
 */
record Sites(String kind, org.statefed.it.fixture.XmppServer server, Cluster cluster, RawPubSub raw, SeenStates seenAtB, SeenStates seenAtC) {
    static final EntityId RAW_EID = EntityId.parse("00:11:22:33:44:ee");

    StatefedNode a() {
        return cluster.node("site1");
    }

    StatefedNode b() {
        return cluster.node("site2");
    }

    StatefedNode c() {
        return cluster.node("site3");
    }

    /** The payload the baseline publishes: what statefed's site A would send for the same change. */
    static DeviceStateElement rawPayload(DeviceState state) {
        return new DeviceStateElement(state, RAW_EID, true);
    }
}
