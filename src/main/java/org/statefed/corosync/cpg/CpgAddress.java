package org.statefed.corosync.cpg;

import java.util.Objects;

/** One entry of a confchg list ({@code struct cpg_address}): a member and why it is in that list. */
public record CpgAddress(CpgMember member, ConfchgReason reason) {
    public CpgAddress {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(reason, "reason");
    }
}
