package org.statefed.xmpp;

import java.util.Objects;
import java.util.Optional;

import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;

/**
 * A node a site subscribes to and resyncs from.
 *
 * @param node node name
 * @param kind what its items carry
 * @param owner the only site allowed to publish there (per-site and PEP layouts), or empty for a shared node
 * @param service where the node lives when it is not the configured PubSub service: the owner's own account
 *     in the PEP layout (XEP-0163)
 */
record WatchedNode(String node, NodeKind kind, Optional<EntityBareJid> owner, Optional<BareJid> service) {
    WatchedNode {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(service, "service");
    }

    /** A node on the configured PubSub service. */
    WatchedNode(String node, NodeKind kind, Optional<EntityBareJid> owner) {
        this(node, kind, owner, Optional.empty());
    }

    /**
     * Names the node among all watched ones: PEP nodes of different buddies share their names, so there the
     * service comes first, e.g. {@code site2@example.com device_state}.
     */
    String key() {
        return keyOf(service, node);
    }

    static String keyOf(Optional<? extends BareJid> service, String node) {
        return service.map(s -> s + " " + node).orElse(node);
    }
}
