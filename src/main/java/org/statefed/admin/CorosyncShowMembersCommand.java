package org.statefed.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.statefed.corosync.CorosyncView;
import org.statefed.corosync.cpg.CpgMember;

/**
 * {@code corosync show members}: the CPG group's members in res_corosync's shape (Node n, Group, Nodeid),
 * plus each member's pid, which tells apart the members of one host, and which of them is this node.
 */
final class CorosyncShowMembersCommand implements AdminCommand {
    private final AdminNode node;

    CorosyncShowMembersCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("corosync", "show", "members");
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show members of the Corosync CPG group";
    }

    @Override
    public String description() {
        return "Lists the members of each Corosync link's CPG group as res_corosync does, with their pids.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        List<CorosyncView> links = node.corosyncLinks();
        if (links.isEmpty()) {
            CorosyncFrame.none(out);
            return;
        }
        for (CorosyncView link : links) {
            List<String> lines = new ArrayList<>();
            List<CpgMember> members = link.members();
            Optional<CpgMember> self = link.self();
            if (members.isEmpty()) {
                lines.add("Not a member of CPG group " + link.config().group() + " ([" + link.config().name() + "] "
                        + link.status().state() + ")");
            }
            for (int i = 0; i < members.size(); i++) {
                CpgMember member = members.get(i);
                lines.add("Node " + (i + 1));
                lines.add("--> Group: " + link.config().group());
                lines.add("--> Nodeid: " + member.nodeId());
                lines.add("--> Pid: " + member.pid() + (self.filter(member::equals).isPresent() ? " (this statefed)" : ""));
            }
            CorosyncFrame.print(out, "Cluster members", lines);
        }
    }
}
