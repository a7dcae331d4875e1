package org.statefed.corosync.codec;

import org.statefed.state.EntityId;

/**
 * One well-formed res_corosync event, as {@link EventEncoder} writes it and {@link EventDecoder}
 * reads it. Every event names the server it speaks for by its entity id.
 */
public sealed interface CorosyncEvent
        permits DeviceStateChange, DeviceStateAggregate, MwiUpdate, Ping, ClusterDiscovery {

    /** Its event type on the wire. */
    EventType type();

    /** The server the event speaks for (the EID IE). */
    EntityId eid();
}
