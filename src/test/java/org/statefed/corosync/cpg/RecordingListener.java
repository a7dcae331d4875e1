package org.statefed.corosync.cpg;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a group's dispatch thread handed over. */
final class RecordingListener implements CpgListener {
    final List<byte[]> messages = new CopyOnWriteArrayList<>();
    final List<Membership> memberships = new CopyOnWriteArrayList<>();
    final List<CpgException> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(CpgMember sender, byte[] payload) {
        messages.add(payload);
    }

    @Override
    public void onMembership(Membership membership) {
        memberships.add(membership);
    }

    @Override
    public void onDispatchFailed(CpgException failure) {
        failures.add(failure);
    }
}
