package org.statefed.corosync;

import java.util.List;
import java.util.Optional;

import org.statefed.config.CorosyncConfig;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.node.LinkStatus;

/** What the admin commands may read of a Corosync link: its configuration and the group as it is now. */
public interface CorosyncView {

    CorosyncConfig config();

    /** The group's members as the last membership change listed them (this node among them); empty when not joined. */
    List<CpgMember> members();

    /** This node as a member, while joined. */
    Optional<CpgMember> self();

    CorosyncCounters counters();

    /** Joined or retrying, and how many others are in the group. */
    LinkStatus status();
}
