package org.statefed.xmpp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jxmpp.jid.EntityBareJid;
import org.statefed.state.EntityId;

/**
 * Which entity id belongs to which buddy. In the per-site layout the server lets only a node's owner
 * publish there, so the first entity id seen on a buddy's node is that buddy's; an item on the same
 * node with another entity id, or an entity id already bound to another buddy, is a forgery. In the
 * shared layout the same holds per publisher JID, which servers put on items (pubsub#itemreply), and a
 * statefed buddy declares its entity id in its presence.
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

    /**
     * A buddy says which entity id it uses (its statefed presence, which the server vouches came from
     * it). The buddy's earlier binding is replaced, so a site whose operator changed its entityid is
     * followed; an entity id already bound to another buddy is a conflict and changes nothing.
     */
    synchronized Verdict declare(EntityBareJid buddy, EntityId eid) {
        EntityBareJid owner = buddyByEid.get(eid);
        if (owner != null && !owner.equals(buddy)) {
            return Verdict.FORGED;
        }
        EntityId previous = eidByBuddy.put(buddy, eid);
        if (previous != null && !previous.equals(eid)) {
            buddyByEid.remove(previous);
        }
        buddyByEid.put(eid, buddy);
        return Verdict.BOUND;
    }

    Optional<EntityId> eidOf(EntityBareJid buddy) {
        return Optional.ofNullable(eidByBuddy.get(buddy));
    }

    Optional<EntityBareJid> buddyOf(EntityId eid) {
        return Optional.ofNullable(buddyByEid.get(eid));
    }
}
