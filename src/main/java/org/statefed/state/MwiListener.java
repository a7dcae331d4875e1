package org.statefed.state;

import java.util.Optional;

/**
 * Told about changes in an {@link MwiTable}. Same rules as {@link DeviceStateListener}: called on
 * the updating thread holding the mailbox's lock (so in order per mailbox), must be quick and
 * non-blocking, and an exception is counted by the table, not rethrown.
 */
public interface MwiListener {

    /**
     * The mailbox's effective counts really changed; empty once no site reports the mailbox.
     */
    default void mailboxChanged(String mailbox, Optional<MwiCounts> effective) {
    }

    /** One site's counts for a mailbox are new or different (the publisher watches its own site). */
    default void entryChanged(String mailbox, EntityId eid, MwiCounts counts) {
    }

    /**
     * The same, with the link the change came from; this is what the table calls. The default forwards to
     * the three-argument form, for listeners to which the origin does not matter.
     */
    default void entryChanged(String mailbox, EntityId eid, MwiCounts counts, Origin origin) {
        entryChanged(mailbox, eid, counts);
    }

    /** One site's counts for a mailbox were removed. */
    default void entryRemoved(String mailbox, EntityId eid) {
    }
}
