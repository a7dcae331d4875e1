package org.statefed.xmpp;

import java.util.List;

import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;

/** This site's own values, as they must be republished after a (re)connect or a refresh request. */
public interface LocalStates {
    /** One local device state. */
    record Device(String device, DeviceState state, boolean cachable) {
    }

    /** One local mailbox. */
    record Mailbox(String mailbox, MwiCounts counts) {
    }

    List<Device> devices();

    List<Mailbox> mailboxes();

    /**
     * Runs {@code republish} (which reads these values and submits them) with no local change in between:
     * a republish racing a local change could otherwise submit the older value after the newer one, and
     * the publisher keeps the last value submitted.
     */
    default void whileUnchanged(Runnable republish) {
        republish.run();
    }
}
