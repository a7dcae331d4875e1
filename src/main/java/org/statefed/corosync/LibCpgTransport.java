package org.statefed.corosync;

import org.statefed.corosync.cpg.CpgException;
import org.statefed.corosync.cpg.CpgGroup;
import org.statefed.corosync.cpg.CpgListener;
import org.statefed.corosync.cpg.CpgMember;

/** The system's libcpg, through {@link CpgGroup}. */
public final class LibCpgTransport implements CpgTransport {

    @Override
    public Connection join(String group, CpgListener listener) throws CpgException {
        CpgGroup joined = CpgGroup.join(group, listener);
        return new Connection() {
            @Override
            public CpgMember self() {
                return joined.self();
            }

            @Override
            public void send(byte[] payload) throws CpgException {
                joined.send(payload);
            }

            @Override
            public void close() {
                joined.close();
            }
        };
    }
}
