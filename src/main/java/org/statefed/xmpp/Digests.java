package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.statefed.state.DeviceSnapshot;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.state.MailboxSnapshot;
import org.statefed.state.MwiEntry;
import org.statefed.state.MwiTable;
import org.statefed.state.StateDigest;
import org.statefed.wire.RefreshRequestElement;

/** The {@link StateDigest}s a refresh request carries and a peer compares with its own. */
final class Digests {
    private Digests() {
    }

    /** What the tables hold per site other than {@code own}, at most {@code RefreshRequestElement}'s limit. */
    static List<RefreshRequestElement.Have> heldPerSite(DeviceStateTable devices, MwiTable mailboxes, EntityId own) {
        Map<EntityId, StateDigest> digests = new TreeMap<>();
        for (DeviceSnapshot device : devices.snapshot()) {
            for (EntrySnapshot entry : device.entries()) {
                digests.merge(entry.eid(), StateDigest.EMPTY.withDevice(device.device(), entry.state(), entry.cachable()),
                        Digests::sum);
            }
        }
        for (MailboxSnapshot mailbox : mailboxes.snapshot()) {
            for (MwiEntry entry : mailbox.entries()) {
                digests.merge(entry.eid(), StateDigest.EMPTY.withMailbox(mailbox.mailbox(), entry.counts()), Digests::sum);
            }
        }
        digests.remove(own);
        List<RefreshRequestElement.Have> haves = new ArrayList<>();
        digests.forEach((eid, digest) -> haves.add(new RefreshRequestElement.Have(eid, digest)));
        return haves.size() > RefreshRequestElement.MAX_HAVES ? List.of() : haves;
    }

    /**
     * What this site publishes, per entity id (its own and those it bridges), as a peer that holds all of
     * it would digest it; its own entity id is always there, with {@link StateDigest#EMPTY} if it has nothing.
     */
    static Map<EntityId, StateDigest> perEntity(LocalStates local, EntityId own) {
        Map<EntityId, StateDigest> digests = new TreeMap<>();
        digests.put(own, StateDigest.EMPTY);
        for (LocalStates.Device d : local.devices()) {
            digests.merge(d.eid(), StateDigest.EMPTY.withDevice(d.device(), d.state(), d.cachable()), Digests::sum);
        }
        for (LocalStates.Mailbox m : local.mailboxes()) {
            digests.merge(m.eid(), StateDigest.EMPTY.withMailbox(m.mailbox(), m.counts()), Digests::sum);
        }
        return digests;
    }

    private static StateDigest sum(StateDigest a, StateDigest b) {
        return new StateDigest(a.count() + b.count(), a.sum() + b.sum());
    }
}
