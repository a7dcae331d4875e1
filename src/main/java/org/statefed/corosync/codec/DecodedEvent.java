package org.statefed.corosync.codec;

/**
 * What {@link EventDecoder} makes of one CPG message: an event the Corosync link acts on, an event it
 * knowingly ignores, or a rejection saying why the bytes were unusable. Exactly one for every message.
 */
public sealed interface DecodedEvent
        permits DeviceStateChange, MwiUpdate, Ping, ClusterDiscovery, IgnoredEvent, RejectedEvent {
}
