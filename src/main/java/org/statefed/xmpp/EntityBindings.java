package org.statefed.xmpp;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /** Buddies bound from the state file only: the first item or presence from them rebinds freely. */
    private final Set<EntityBareJid> restored = ConcurrentHashMap.newKeySet();

    /** Outcome of checking one item. */
    enum Verdict { BOUND, FORGED }

    /** Binds on first use; afterwards checks. Thread-safe. */
    synchronized Verdict check(EntityBareJid buddy, EntityId eid) {
        EntityId bound = eidByBuddy.get(buddy);
        EntityBareJid owner = buddyByEid.get(eid);
        if ((bound != null && restored.contains(buddy)) || (owner != null && restored.contains(owner))) {
            // What the buddy sends now outranks what this node remembered before it restarted.
            forget(buddy);
            if (owner != null && !owner.equals(buddy) && restored.contains(owner)) {
                forget(owner);
            }
            bound = eidByBuddy.get(buddy);
            owner = buddyByEid.get(eid);
        }
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
        if (restored.contains(buddy)) {
            forget(buddy);
        }
        EntityBareJid owner = buddyByEid.get(eid);
        if (owner != null && restored.contains(owner)) {
            forget(owner);
            owner = null;
        }
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

    /**
     * Binds a buddy as the state file remembers it, so that its restored states go stale if it does not
     * come back; anything the buddy itself sends later replaces this binding. Does nothing if the buddy
     * or the entity id is bound already.
     */
    synchronized void restore(EntityBareJid buddy, EntityId eid) {
        if (eidByBuddy.containsKey(buddy) || buddyByEid.containsKey(eid)) {
            return;
        }
        eidByBuddy.put(buddy, eid);
        buddyByEid.put(eid, buddy);
        restored.add(buddy);
    }

    private void forget(EntityBareJid buddy) {
        restored.remove(buddy);
        EntityId eid = eidByBuddy.remove(buddy);
        if (eid != null) {
            buddyByEid.remove(eid, buddy);
        }
    }

    Optional<EntityId> eidOf(EntityBareJid buddy) {
        return Optional.ofNullable(eidByBuddy.get(buddy));
    }

    Optional<EntityBareJid> buddyOf(EntityId eid) {
        return Optional.ofNullable(buddyByEid.get(eid));
    }
}
