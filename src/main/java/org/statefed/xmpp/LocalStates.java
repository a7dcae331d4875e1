package org.statefed.xmpp;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MwiCounts;

/**
 * What this site publishes, as it must be republished after a (re)connect or a refresh request: its own
 * values and those it bridges from its LAN links, each with its original entity id.
 */
public interface LocalStates {
    /** One device state, with the entity id it is published under. */
    record Device(String device, EntityId eid, DeviceState state, boolean cachable) {
        public Device {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(eid, "eid");
            Objects.requireNonNull(state, "state");
        }
    }

    /** One mailbox, with the entity id it is published under. */
    record Mailbox(String mailbox, EntityId eid, MwiCounts counts) {
        public Mailbox {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(eid, "eid");
            Objects.requireNonNull(counts, "counts");
        }
    }

    List<Device> devices();

    List<Mailbox> mailboxes();

    /**
     * The entity ids, other than this site's own, whose states this site publishes (those it bridges from
     * its LAN links): its statefed presence announces them, so buddies accept them from it.
     */
    default Set<EntityId> bridged() {
        return Set.of();
    }

    /**
     * Runs {@code republish} (which reads these values and submits them) with no change in between: a
     * republish racing a change could otherwise submit the older value after the newer one, and the
     * publisher keeps the last value submitted. It may run later, on another thread, in order with the
     * changes submitted before it.
     */
    default void whileUnchanged(Runnable republish) {
        republish.run();
    }
}
