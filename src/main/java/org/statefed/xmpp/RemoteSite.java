package org.statefed.xmpp;

import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;
import org.statefed.state.EntityId;

/**
 * What one account knows of one buddy's liveness, for {@code devstate list} and tests.
 *
 * @param jid the buddy
 * @param eid its entity id, when known (from its statefed presence or the items it published)
 * @param liveness whether its states are current, kept while it is away, or dropped
 */
public record RemoteSite(EntityBareJid jid, Optional<EntityId> eid, Liveness liveness) {

    /** Where a buddy's states stand. */
    public enum Liveness {
        /** Online: its states are current. */
        ONLINE("online"),
        /** Offline for less than stale_timeout: its states are kept. */
        AWAY("offline, states kept until stale_timeout"),
        /** Offline for longer than stale_timeout: its states were dropped. */
        STALE("offline, states dropped"),
        /** Offline, but which entity id it publishes is unknown, so its states are kept (as Asterisk does). */
        UNKNOWN_EID("offline, entity id unknown: states kept"),
        /** We are not connected ourselves, so we do not know; its states are kept. */
        UNKNOWN("unknown while we are disconnected, states kept");

        private final String description;

        Liveness(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public RemoteSite {
        Objects.requireNonNull(jid, "jid");
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(liveness, "liveness");
    }
}
