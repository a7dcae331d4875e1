package org.statefed.corosync.cpg;

/**
 * One process in a CPG group: its corosync node id and its process id on that node (libcpg sends the
 * caller's {@code getpid()} with the join, so one process is one member per group).
 */
public record CpgMember(long nodeId, long pid) {
    public CpgMember {
        if (nodeId < 0 || nodeId > 0xffffffffL || pid < 0 || pid > 0xffffffffL) {
            throw new IllegalArgumentException("node id and pid are unsigned 32-bit: " + nodeId + "/" + pid);
        }
    }

    @Override
    public String toString() {
        return "nodeid=" + nodeId + " pid=" + pid;
    }
}
