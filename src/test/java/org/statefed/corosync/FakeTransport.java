package org.statefed.corosync;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;

import org.statefed.corosync.cpg.CpgException;
import org.statefed.corosync.cpg.CpgListener;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.corosync.cpg.CsError;

/**
 * A CPG group in memory: joins succeed or fail as the test says, the test plays the dispatch thread
 * through {@link #listener()}, and every multicast payload is kept in order.
 */
final class FakeTransport implements CpgTransport {
    private final CpgMember self;
    private final ArrayDeque<CsError> joinFailures = new ArrayDeque<>();
    private final ArrayDeque<CsError> sendFailures = new ArrayDeque<>();
    private final List<byte[]> sent = new ArrayList<>();
    private final List<FakeConnection> connections = new ArrayList<>();
    private CpgListener listener;
    private int joins;

    FakeTransport(CpgMember self) {
        this.self = self;
    }

    /** The next {@code n} joins fail with {@code error}. */
    synchronized void failJoins(int n, CsError error) {
        for (int i = 0; i < n; i++) {
            joinFailures.add(error);
        }
    }

    /** The next sends fail with these errors, one each. */
    synchronized void failSends(CsError... errors) {
        sendFailures.addAll(List.of(errors));
    }

    @Override
    public synchronized Connection join(String group, CpgListener newListener) throws CpgException {
        joins++;
        CsError failure = joinFailures.poll();
        if (failure != null) {
            throw new CpgException("cpg_initialize for CPG group \"" + group + "\" failed: " + failure.name(), failure);
        }
        listener = newListener;
        FakeConnection connection = new FakeConnection();
        connections.add(connection);
        return connection;
    }

    synchronized CpgListener listener() {
        if (listener == null) {
            throw new IllegalStateException("nothing joined yet");
        }
        return listener;
    }

    synchronized int joins() {
        return joins;
    }

    synchronized boolean lastConnectionClosed() {
        return !connections.isEmpty() && connections.get(connections.size() - 1).closed;
    }

    /** What was multicast, as hex, oldest first; clears the list. */
    synchronized List<String> takeSent() {
        List<String> hex = sent.stream().map(HexFormat.of()::formatHex).toList();
        sent.clear();
        return hex;
    }

    private final class FakeConnection implements Connection {
        private boolean closed;

        @Override
        public CpgMember self() {
            return self;
        }

        @Override
        public void send(byte[] payload) throws CpgException {
            synchronized (FakeTransport.this) {
                if (closed) {
                    throw new CpgException("cpg_mcast_joined: closed", CsError.CS_ERR_BAD_HANDLE);
                }
                CsError failure = sendFailures.poll();
                if (failure != null) {
                    throw new CpgException("cpg_mcast_joined failed: " + failure.name(), failure);
                }
                sent.add(payload.clone());
            }
        }

        @Override
        public void close() {
            synchronized (FakeTransport.this) {
                closed = true;
            }
        }
    }
}
