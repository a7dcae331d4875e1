package org.statefed.corosync;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.statefed.corosync.cpg.CpgAddress;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.Membership;
import org.statefed.state.EntityId;

/**
 * Who is in the group and which entity ids each member spoke for, so that a member leaving takes its
 * entity ids to the stale rule, and an entity id heard again is back. Keyed by member (node id and pid),
 * finer than res_corosync's node table (node id only): two Asterisk servers on one host are told apart.
 * An entity id still heard from another member (two bridges forwarding one WAN site) is not gone.
 * Used on the link's worker only.
 */
final class Members {
    private List<CpgMember> current = List.of();
    private final Map<CpgMember, Set<EntityId>> eidsByMember = new HashMap<>();
    private final Set<EntityId> gone = new HashSet<>();

    List<CpgMember> current() {
        return current;
    }

    /** Entity ids heard from {@code member}; the CPG membership it is in. */
    Set<EntityId> eidsOf(CpgMember member) {
        return Set.copyOf(eidsByMember.getOrDefault(member, Set.of()));
    }

    /**
     * {@code member} spoke for {@code eid}.
     *
     * @return true if {@code eid} had gone and is back
     */
    boolean heard(CpgMember member, EntityId eid) {
        eidsByMember.computeIfAbsent(member, m -> new LinkedHashSet<>()).add(eid);
        return gone.remove(eid);
    }

    /** A new membership; returns the entity ids gone with the members that left. */
    Set<EntityId> changed(Membership membership) {
        current = membership.members();
        Set<EntityId> departed = new LinkedHashSet<>();
        for (CpgAddress left : membership.left()) {
            departed.addAll(eidsByMember.getOrDefault(left.member(), Set.of()));
            eidsByMember.remove(left.member());
        }
        eidsByMember.keySet().retainAll(Set.copyOf(current));
        eidsByMember.values().forEach(departed::removeAll);
        departed.removeAll(gone);
        gone.addAll(departed);
        return departed;
    }

    /** The link lost the group (corosync went away): every entity id heard is gone. */
    Set<EntityId> lostAll() {
        Set<EntityId> departed = new LinkedHashSet<>();
        eidsByMember.values().forEach(departed::addAll);
        departed.removeAll(gone);
        gone.addAll(departed);
        eidsByMember.clear();
        current = List.of();
        return departed;
    }
}
