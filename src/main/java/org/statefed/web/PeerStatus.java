package org.statefed.web;

import java.util.Objects;
import java.util.Optional;

import org.statefed.state.EntityId;

/**
 * One remote site as one link knows it.
 *
 * @param link the link (config section) that knows it, e.g. {@code asterisk}
 * @param name how the link names it, e.g. the buddy's JID {@code site-b@example.com}
 * @param eid its entity id, when known
 * @param liveness a short keyword: {@code online}, {@code away} (offline, states kept), {@code stale} (states
 *     dropped), {@code unknown}
 * @param description the liveness in plain words
 * @param statesKept whether its entries stay in the tables although it is not heard now (shown as stale)
 */
public record PeerStatus(String link, String name, Optional<EntityId> eid, String liveness, String description,
        boolean statesKept) {
    public PeerStatus {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eid, "eid");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(description, "description");
    }

    public boolean online() {
        return liveness.equals("online");
    }
}
