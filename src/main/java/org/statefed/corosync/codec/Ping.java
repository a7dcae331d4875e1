package org.statefed.corosync.codec;

import java.util.Objects;

import org.statefed.state.EntityId;

/**
 * {@code AST_EVENT_PING}: sent by {@code corosync ping}; receivers only log it.
 *
 * @param eid the pinging server
 */
public record Ping(EntityId eid) implements CorosyncEvent, DecodedEvent {

    public Ping {
        Objects.requireNonNull(eid, "eid");
    }

    @Override
    public EventType type() {
        return EventType.PING;
    }
}
