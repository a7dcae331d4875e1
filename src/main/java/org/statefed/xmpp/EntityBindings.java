package org.statefed.xmpp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jxmpp.jid.EntityBareJid;
import org.statefed.state.EntityId;

/**
 * Which entity id belongs to which buddy. In the per-site layout the server lets only a node's owner
 * publish there, so the first entity id seen on a buddy's node is that buddy's; an item on the same
 * node with another entity id, or an entity id already bound to another buddy, is a forgery.
 */
final class EntityBindings {
    private final Map<EntityBareJid, EntityId> eidByBuddy = new ConcurrentHashMap<>();
    private final Map<EntityId, EntityBareJid> buddyByEid = new ConcurrentHashMap<>();

    /** Outcome of checking one item. */
    enum Verdict { BOUND, FORGED }

    /** Binds on first use; afterwards checks. Thread-safe. */
    synchronized Verdict check(EntityBareJid buddy, EntityId eid) {
        EntityId bound = eidByBuddy.get(buddy);
        EntityBareJid owner = buddyByEid.get(eid);
        if (bound == null && owner == null) {
            eidByBuddy.put(buddy, eid);
            buddyByEid.put(eid, buddy);
            return Verdict.BOUND;
        }
        return eid.equals(bound) && buddy.equals(owner) ? Verdict.BOUND : Verdict.FORGED;
    }

    Optional<EntityId> eidOf(EntityBareJid buddy) {
        return Optional.ofNullable(eidByBuddy.get(buddy));
    }

    Optional<EntityBareJid> buddyOf(EntityId eid) {
        return Optional.ofNullable(buddyByEid.get(eid));
    }
}
