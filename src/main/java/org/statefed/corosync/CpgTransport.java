package org.statefed.corosync;

import org.statefed.corosync.cpg.CpgException;
import org.statefed.corosync.cpg.CpgListener;
import org.statefed.corosync.cpg.CpgMember;

/**
 * How the link joins its CPG group: libcpg in production ({@link LibCpgTransport}), a script in unit
 * tests, which drive membership changes and deliveries through the listener and read what was sent.
 */
public interface CpgTransport {

    /** One membership of the group. */
    interface Connection {

        /** This member as the others see it (corosync node id, our pid). */
        CpgMember self();

        /** Multicasts one message to the group; may block while corosync answers TRY_AGAIN. */
        void send(byte[] payload) throws CpgException;

        /** Leaves the group and ends the dispatch thread; idempotent, bounded. */
        void close();
    }

    /**
     * Joins {@code group}; the listener is called on the transport's dispatch thread.
     *
     * @throws CpgException when corosync is not running, refuses the join or libcpg is missing
     */
    Connection join(String group, CpgListener listener) throws CpgException;
}
