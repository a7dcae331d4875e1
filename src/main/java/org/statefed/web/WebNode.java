package org.statefed.web;

import java.util.List;

import org.statefed.node.LinkStatus;
import org.statefed.node.NodeSurface;
import org.statefed.state.EntityId;

/**
 * What the HTTP API, the board and the metrics read and drive in a node. The application wires a running node
 * in; tests wire the bare tables, so that the API can be checked without an XMPP server.
 */
public interface WebNode extends NodeSurface {

    /** This site's entity id. */
    EntityId entityId();

    /** Each link's health, in configuration order. */
    List<LinkStatus> links();

    /** Every remote site each link knows of, with its liveness. */
    List<PeerStatus> peers();

    /** Queue depths and store writes, for the metrics. */
    NodeLoad load();
}
