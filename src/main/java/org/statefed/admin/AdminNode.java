package org.statefed.admin;

import java.time.Clock;
import java.util.List;

import org.statefed.config.StatefedConfig;
import org.statefed.corosync.CorosyncView;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.HintTable;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiTable;
import org.statefed.xmpp.Counters;

/**
 * What the admin commands read and drive in a node. The application wires a running node in; tests
 * wire the bare tables, so every command's output can be checked without an XMPP server.
 */
public interface AdminNode {

    /** The configuration the node runs with; commands never print its secrets. */
    StatefedConfig config();

    /** statefed's version, e.g. {@code 0.1.0}. */
    String version();

    /** The clock the tables stamp entries with, for the ages {@code devstate list} shows. */
    Clock clock();

    DeviceStateTable devices();

    HintTable hints();

    MwiTable mailboxes();

    Counters counters();

    /** One per distributing client section, in file order. */
    List<AdminSite> sites();

    /** The Corosync links ({@code type = corosync} sections), in file order; none unless the node has some. */
    default List<CorosyncView> corosyncLinks() {
        return List.of();
    }

    /** What each link of the node says about itself (XMPP, SIP publication, ...); none by default. */
    default List<org.statefed.node.LinkStatus> linkStatuses() {
        return List.of();
    }

    /** A change of one of this site's devices, shared with the cluster. */
    void changeDeviceState(String device, DeviceState state);

    /** New counts of one of this site's mailboxes, shared with the cluster. */
    void updateMailbox(String mailbox, MwiCounts counts);
}
