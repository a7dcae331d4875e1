package org.statefed.admin;

import java.util.List;

import org.statefed.xmpp.BuddyStatus;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.NodeSubscription;
import org.statefed.xmpp.RemoteSite;

/** One client section's connection as the admin commands see it. */
public interface AdminSite {

    /** The section name, e.g. {@code asterisk}. */
    String name();

    /** The username as configured, with its resource if it has one, e.g. {@code server1@localhost/astvoip1}. */
    String username();

    LinkState linkState();

    /** Every configured buddy with its online resources. */
    List<BuddyStatus> buddies();

    /** What this account knows of each buddy's liveness and entity id. */
    List<RemoteSite> remoteSites();

    /** Each watched node's subscription state; none by default (a site that watches nothing). */
    default List<NodeSubscription> subscriptions() {
        return List.of();
    }

    /** The nodes this site publishes to. */
    List<String> ownNodes();

    /** Every node on the PubSub service. Blocking. */
    List<String> listNodes() throws Exception;

    /** Removes every item of a node. Blocking. */
    void purgeNode(String node) throws Exception;

    /** Deletes a node. Blocking. */
    void deleteNode(String node) throws Exception;

    /** Creates a leaf node; false if it existed. Blocking. */
    boolean createLeaf(String node) throws Exception;
}
