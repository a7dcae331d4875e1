package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.List;

import org.statefed.state.DeviceSnapshot;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.state.MailboxSnapshot;
import org.statefed.state.MwiEntry;
import org.statefed.state.MwiTable;

/** Reads this site's own entries out of the shared tables, for republishing (a site that bridges nothing). */
public final class LocalStateSource implements LocalStates {
    private final EntityId own;
    private final DeviceStateTable devices;
    private final MwiTable mailboxes;
    private final Object changeLock;

    public LocalStateSource(EntityId own, DeviceStateTable devices, MwiTable mailboxes) {
        this(own, devices, mailboxes, new Object());
    }

    /** @param changeLock held by whoever applies and publishes local changes, so republishes cannot interleave */
    public LocalStateSource(EntityId own, DeviceStateTable devices, MwiTable mailboxes, Object changeLock) {
        this.own = own;
        this.devices = devices;
        this.mailboxes = mailboxes;
        this.changeLock = changeLock;
    }

    @Override
    public void whileUnchanged(Runnable republish) {
        synchronized (changeLock) {
            republish.run();
        }
    }

    @Override
    public List<Device> devices() {
        List<Device> out = new ArrayList<>();
        for (DeviceSnapshot snapshot : devices.snapshot()) {
            for (EntrySnapshot entry : snapshot.entries()) {
                if (entry.eid().equals(own)) {
                    out.add(new Device(snapshot.device(), own, entry.state(), entry.cachable()));
                }
            }
        }
        return out;
    }

    @Override
    public List<Mailbox> mailboxes() {
        List<Mailbox> out = new ArrayList<>();
        for (MailboxSnapshot snapshot : mailboxes.snapshot()) {
            for (MwiEntry entry : snapshot.entries()) {
                if (entry.eid().equals(own)) {
                    out.add(new Mailbox(snapshot.mailbox(), own, entry.counts()));
                }
            }
        }
        return out;
    }
}
