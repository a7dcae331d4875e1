package org.statefed.web;

import java.time.Clock;
import java.util.List;

import org.statefed.node.LinkStatus;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.xmpp.Counters;

/**
 * What the HTTP API, the board and the metrics read and drive in a node. The application wires a running node
 * in; tests wire the bare tables, so that the API can be checked without an XMPP server.
 */
public interface WebNode {

    /** This site's entity id. */
    EntityId entityId();

    /** statefed's version, e.g. {@code 0.1.0}. */
    String version();

    /** The clock the tables stamp entries with, for the ages the API shows. */
    Clock clock();

    DeviceStateTable devices();

    HintTable hints();

    MwiTable mailboxes();

    Counters counters();

    /** Each link's health, in configuration order. */
    List<LinkStatus> links();

    /** Every remote site each link knows of, with its liveness. */
    List<PeerStatus> peers();

    /** Queue depths and store writes, for the metrics. */
    NodeLoad load();

    /** A change of one of this site's devices, shared with the cluster. */
    void changeDeviceState(String device, DeviceState state);

    /** New counts of one of this site's mailboxes, shared with the cluster. */
    void updateMailbox(String mailbox, MwiCounts counts);
}
