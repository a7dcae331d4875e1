package org.statefed.node;

import java.time.Clock;

import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.xmpp.Counters;

/**
 * What every operator surface of a node (admin commands, HTTP API) reads and drives alike: the tables, the
 * counters and this site's own changes. Each surface adds what only it shows.
 */
public interface NodeSurface {

    /** statefed's version, e.g. {@code 0.1.0}. */
    String version();

    /** The clock the tables stamp entries with, for the ages a surface shows. */
    Clock clock();

    DeviceStateTable devices();

    HintTable hints();

    MwiTable mailboxes();

    Counters counters();

    /** A change of one of this site's devices, shared with the cluster. */
    void changeDeviceState(String device, DeviceState state);

    /** New counts of one of this site's mailboxes, shared with the cluster. */
    void updateMailbox(String mailbox, MwiCounts counts);
}
