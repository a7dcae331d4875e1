package org.statefed.corosync.cpg;

import java.util.List;
import java.util.Objects;

/**
 * One configuration change of a group, as its confchg callback reports it: who is in the group now,
 * who left and who joined (with the reason each).
 */
public record Membership(String group, List<CpgMember> members, List<CpgAddress> left, List<CpgAddress> joined) {
    public Membership {
        Objects.requireNonNull(group, "group");
        members = List.copyOf(members);
        left = List.copyOf(left);
        joined = List.copyOf(joined);
    }
}
