package org.statefed.admin;

import java.util.List;

import org.statefed.config.StatefedConfig;
import org.statefed.corosync.CorosyncView;
import org.statefed.node.NodeSurface;

/**
 * What the admin commands read and drive in a node. The application wires a running node in; tests
 * wire the bare tables, so every command's output can be checked without an XMPP server.
 */
public interface AdminNode extends NodeSurface {

    /** The configuration the node runs with; commands never print its secrets. */
    StatefedConfig config();

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
}
