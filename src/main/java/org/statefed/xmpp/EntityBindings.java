package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jxmpp.jid.EntityBareJid;
import org.statefed.state.EntityId;

/**
 * Which entity id belongs to which buddy. In the per-site layout the server lets only a node's owner
 * publish there, so the first entity id seen on a buddy's node is that buddy's; an item on the same
 * node with another entity id, or an entity id already bound to another buddy, is a forgery. In the
 * shared layout the same holds per publisher JID, which servers put on items (pubsub#itemreply), and a
 * statefed buddy declares its entity id in its presence.
 *
 * <p>A buddy's <em>current</em> id is the one it uses now; every id it ever used stays bound to it until
 * the states under it are dropped ({@link #forget}), so stale handling can drop them all and nobody else
 * can take them meanwhile. An id announced by a second buddy while bound to a first is a conflict: the
 * second is refused but remembered as contender, and when the first leaves ({@link #release}) the id
 * passes to the contender.
 *
 * <p>A bridge also speaks for the entity ids of its LAN's servers: it announces them in its presence
 * ({@link #declareBridged}) and they are bound to it like its own, under the same rules (the first site to
 * claim an id holds it, a second claimant is a conflict and becomes its contender). An id that is some
 * buddy's own current id stays that buddy's: another buddy relaying it (two sites on one LAN) is ignored.
 *
 * <p>A binding read back from the state file at start ({@link #restore}) is provisional: whatever the
 * buddy (or another buddy) says about that id afterwards replaces it. Thread-safe.
 */
final class EntityBindings {
    private final Map<EntityBareJid, EntityId> currentByBuddy = new HashMap<>();
    private final Map<EntityId, EntityBareJid> buddyByEid = new HashMap<>();
    private final Map<EntityId, EntityBareJid> contenders = new HashMap<>();
    /** Buddies bound from the state file only, not yet by anything they sent. */
    private final Set<EntityBareJid> restored = new HashSet<>();
    /** What each buddy's last presence says it bridges (held or not). */
    private final Map<EntityBareJid, Set<EntityId>> bridgedByBuddy = new HashMap<>();

    /** Outcome of checking one item. */
    enum Verdict { BOUND, FORGED }

    /**
     * An id that changed hands because its holder left.
     *
     * @param eid the entity id
     * @param from the buddy that held it and left
     * @param to the buddy that had announced it too and now holds it
     */
    record Transfer(EntityId eid, EntityBareJid from, EntityBareJid to) {
    }

    /**
     * What a buddy's new bridged list changed.
     *
     * @param added ids now bound to it as bridged that were not before
     * @param conflicts ids another site holds (as its own or bridged), each with that site: refused
     * @param relayed ids that are another buddy's own: ignored, not a conflict (two sites on one LAN)
     * @param dropped ids it bridged before and no longer announces (still bound to it until forgotten)
     */
    record BridgedChange(Set<EntityId> added, Map<EntityId, EntityBareJid> conflicts, Set<EntityId> relayed,
            Set<EntityId> dropped) {
    }

    /** Binds on first use; afterwards checks: only the buddy's current id and the ids it bridges are accepted. */
    synchronized Verdict check(EntityBareJid buddy, EntityId eid) {
        yieldRestored(buddy, eid);
        EntityId bound = currentByBuddy.get(buddy);
        EntityBareJid owner = buddyByEid.get(eid);
        if (bound == null && owner == null) {
            currentByBuddy.put(buddy, eid);
            buddyByEid.put(eid, buddy);
            return Verdict.BOUND;
        }
        if (!buddy.equals(owner)) {
            return Verdict.FORGED;
        }
        return eid.equals(bound) || bridgedBy(buddy).contains(eid) ? Verdict.BOUND : Verdict.FORGED;
    }

    /**
     * A buddy's presence lists the entity ids it bridges (its whole list each time). Ids nobody holds are
     * bound to it; ids another site holds are conflicts (it becomes their contender); another buddy's own
     * current id is left to that buddy.
     */
    synchronized BridgedChange declareBridged(EntityBareJid buddy, Set<EntityId> bridged) {
        Set<EntityId> before = bridgedByBuddy.getOrDefault(buddy, Set.of());
        Set<EntityId> added = new HashSet<>();
        Map<EntityId, EntityBareJid> conflicts = new HashMap<>();
        Set<EntityId> relayed = new HashSet<>();
        for (EntityId eid : bridged) {
            EntityBareJid owner = buddyByEid.get(eid);
            if (owner != null && !owner.equals(buddy) && restored.contains(owner)) {
                yieldRestored(buddy, eid);
                owner = buddyByEid.get(eid);
            }
            if (owner != null && !owner.equals(buddy)) {
                if (eid.equals(currentByBuddy.get(owner))) {
                    relayed.add(eid);
                } else {
                    contenders.put(eid, buddy);
                    conflicts.put(eid, owner);
                }
                continue;
            }
            if (owner == null || !before.contains(eid)) {
                added.add(eid);
            }
            buddyByEid.put(eid, buddy);
            contenders.remove(eid, buddy);
        }
        Set<EntityId> dropped = new HashSet<>(before);
        dropped.removeAll(bridged);
        dropped.removeIf(eid -> !buddy.equals(buddyByEid.get(eid)));
        bridgedByBuddy.put(buddy, Set.copyOf(bridged));
        return new BridgedChange(Set.copyOf(added), Map.copyOf(conflicts), Set.copyOf(relayed), Set.copyOf(dropped));
    }

    /** The ids {@code buddy}'s last presence said it bridges. */
    synchronized Set<EntityId> bridgedBy(EntityBareJid buddy) {
        return bridgedByBuddy.getOrDefault(buddy, Set.of());
    }

    /**
     * A buddy says which entity id it uses (its statefed presence, which the server vouches came from
     * it). It becomes the buddy's current id, so a site whose operator changed its entityid is followed;
     * the earlier one stays bound to it until forgotten. An id bound to another buddy is a conflict: it
     * changes nothing now, and the announcer becomes the contender for that id.
     */
    synchronized Verdict declare(EntityBareJid buddy, EntityId eid) {
        yieldRestored(buddy, eid);
        EntityBareJid owner = buddyByEid.get(eid);
        if (owner != null && !owner.equals(buddy)) {
            contenders.put(eid, buddy);
            return Verdict.FORGED;
        }
        currentByBuddy.put(buddy, eid);
        buddyByEid.put(eid, buddy);
        contenders.remove(eid, buddy);
        return Verdict.BOUND;
    }

    /**
     * {@code buddy} left: every id it holds that another buddy announced meanwhile passes to that buddy.
     *
     * @return what changed hands, for the log
     */
    synchronized List<Transfer> release(EntityBareJid buddy) {
        List<Transfer> transfers = new ArrayList<>();
        for (EntityId eid : eidsOf(buddy)) {
            EntityBareJid contender = contenders.remove(eid);
            if (contender == null || contender.equals(buddy)) {
                continue;
            }
            buddyByEid.put(eid, contender);
            currentByBuddy.remove(buddy, eid);
            if (!bridgedBy(contender).contains(eid)) {
                currentByBuddy.put(contender, eid);
            }
            transfers.add(new Transfer(eid, buddy, contender));
        }
        return List.copyOf(transfers);
    }

    /**
     * Binds a buddy as the state file remembers it, so that its restored states go stale if it does not
     * come back; anything the buddy itself sends later replaces this binding. Does nothing if the buddy
     * or the entity id is bound already.
     */
    synchronized void restore(EntityBareJid buddy, EntityId eid) {
        if (currentByBuddy.containsKey(buddy) || buddyByEid.containsKey(eid)) {
            return;
        }
        currentByBuddy.put(buddy, eid);
        buddyByEid.put(eid, buddy);
        restored.add(buddy);
    }

    /**
     * What a buddy sends now outranks what this node remembered before it restarted: a remembered
     * binding of {@code buddy} to another id, or of {@code eid} to another buddy, is dropped.
     */
    private void yieldRestored(EntityBareJid buddy, EntityId eid) {
        if (restored.remove(buddy)) {
            EntityId remembered = currentByBuddy.get(buddy);
            if (remembered != null && !remembered.equals(eid)) {
                currentByBuddy.remove(buddy);
                buddyByEid.remove(remembered, buddy);
            }
        }
        EntityBareJid owner = buddyByEid.get(eid);
        if (owner != null && !owner.equals(buddy) && restored.remove(owner)) {
            buddyByEid.remove(eid, owner);
            currentByBuddy.remove(owner, eid);
        }
    }

    /** The states under {@code eid} are gone: it no longer binds {@code buddy} (unless it is its current id). */
    synchronized void forget(EntityBareJid buddy, EntityId eid) {
        if (!eid.equals(currentByBuddy.get(buddy))) {
            buddyByEid.remove(eid, buddy);
        }
    }

    /** The buddy's current entity id. */
    synchronized Optional<EntityId> eidOf(EntityBareJid buddy) {
        return Optional.ofNullable(currentByBuddy.get(buddy));
    }

    /** Every entity id bound to {@code buddy}: its current one and those it used before. */
    synchronized Set<EntityId> eidsOf(EntityBareJid buddy) {
        Set<EntityId> out = new HashSet<>();
        buddyByEid.forEach((eid, owner) -> {
            if (owner.equals(buddy)) {
                out.add(eid);
            }
        });
        return Set.copyOf(out);
    }

    synchronized Optional<EntityBareJid> buddyOf(EntityId eid) {
        return Optional.ofNullable(buddyByEid.get(eid));
    }
}
