package org.statefed.xmpp;

import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.EntityBareJid;

/**
 * A node a site subscribes to and resyncs from.
 *
 * @param node node name
 * @param kind what its items carry
 * @param owner the only site allowed to publish there (per-site layout), or empty for a shared node
 */
record WatchedNode(String node, NodeKind kind, Optional<EntityBareJid> owner) {
    WatchedNode {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
    }
}
