package org.statefed.xmpp;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.statefed.config.PubsubLayout;

/**
 * Notices at run time that the PubSub service puts no {@code publisher} on items, and says once, at
 * WARN, which guarantee is missing and how to get it on the server in use. prosody 0.12 ignores the node
 * option {@code pubsub#itemreply} and names the publisher only with {@code expose_publisher = true} on the
 * pubsub component; Openfire never does; ejabberd does for nodes created with
 * {@code pubsub#itemreply=publisher}, as statefed creates them.
 */
final class PublisherWatch {
    private final String account;
    private final PubsubLayout layout;
    private final String service;
    private final Consumer<String> warn;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile String serverSoftware = "";

    /** @param warn gets the one WARN line (the account prefix included) */
    PublisherWatch(String account, PubsubLayout layout, String service, Consumer<String> warn) {
        this.account = Objects.requireNonNull(account, "account");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.service = Objects.requireNonNull(service, "service");
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /** The server's software name (XEP-0092), once known; chooses the fix the WARN suggests. */
    void serverSoftware(String name) {
        serverSoftware = name == null ? "" : name;
    }

    /** An item with a payload arrived (live or fetched); any thread. */
    void observed(ReceivedItem item) {
        if (layout == PubsubLayout.PEP) {
            // A PEP node lives on its owner's account and only the account publishes there: the server's rule.
            return;
        }
        if (item.publisher().isEmpty() && item.payload() != null && warned.compareAndSet(false, true)) {
            warn.accept("[" + account + "] " + explanation(layout, service, serverSoftware));
        }
    }

    /** True once an item without publisher was seen. */
    boolean publisherMissing() {
        return warned.get();
    }

    /** What a missing publisher costs in this layout, and the fix for this server. */
    static String explanation(PubsubLayout layout, String service, String software) {
        String cost = layout == PubsubLayout.PER_SITE
                ? "items on buddies' nodes arrive from " + service + " without publisher, so statefed cannot check "
                        + "that a node's owner published them: a PubSub admin (prosody makes them owners of every "
                        + "node) could publish states in a site's name and they would be applied"
                : "items on the shared nodes arrive from " + service + " without publisher, so statefed cannot tell "
                        + "who published them: the entity id of a buddy that sends no statefed presence (Asterisk) "
                        + "stays unknown and its states are never dropped when it dies, and items from any account "
                        + "allowed to publish on the node are applied";
        return cost + ". Fix: " + fix(software);
    }

    private static String fix(String software) {
        String name = software.toLowerCase(Locale.ROOT);
        if (name.contains("prosody")) {
            return "add expose_publisher = true to the pubsub Component section of prosody.cfg.lua and restart "
                    + "prosody";
        }
        if (name.contains("openfire")) {
            return "Openfire never names the publisher; use pubsub_layout = per-site and no PubSub admin accounts "
                    + "other than the sites, or another server (prosody with expose_publisher = true, ejabberd)";
        }
        if (name.contains("ejabberd")) {
            return "ejabberd names the publisher on nodes with pubsub#itemreply=publisher, which statefed asks for "
                    + "when it creates a node: a node created by someone else lacks it; delete that node "
                    + "(xmpp delete node) so that statefed creates it again";
        }
        return "make the server put publisher='JID' on items (prosody: expose_publisher = true on the pubsub "
                + "component; ejabberd: node option pubsub#itemreply=publisher; Openfire cannot)";
    }
}
