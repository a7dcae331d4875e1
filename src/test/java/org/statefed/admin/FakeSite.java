package org.statefed.admin;

import java.util.ArrayList;
import java.util.List;

import org.statefed.xmpp.BuddyStatus;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.NodeSubscription;
import org.statefed.xmpp.RemoteSite;

/** A site with a chosen link state and buddies, recording the PubSub requests it is asked to make. */
final class FakeSite implements AdminSite {
    final String name;
    final String username;
    LinkState linkState = LinkState.CONNECTED;
    List<BuddyStatus> buddies = List.of();
    List<RemoteSite> remoteSites = List.of();
    List<NodeSubscription> subscriptions = List.of();
    final List<String> nodes = new ArrayList<>();
    final List<String> requests = new ArrayList<>();
    Exception failure;

    FakeSite(String name, String username) {
        this.name = name;
        this.username = username;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public LinkState linkState() {
        return linkState;
    }

    @Override
    public List<BuddyStatus> buddies() {
        return buddies;
    }

    @Override
    public List<NodeSubscription> subscriptions() {
        return subscriptions;
    }

    @Override
    public List<RemoteSite> remoteSites() {
        return remoteSites;
    }

    @Override
    public List<String> ownNodes() {
        return List.of("device_state/" + bare(), "message_waiting/" + bare());
    }

    private String bare() {
        return username.contains("/") ? username.substring(0, username.indexOf('/')) : username;
    }

    @Override
    public List<String> listNodes() throws Exception {
        failIfAsked();
        requests.add("list");
        return List.copyOf(nodes);
    }

    @Override
    public void purgeNode(String node) throws Exception {
        failIfAsked();
        requests.add("purge " + node);
    }

    @Override
    public void deleteNode(String node) throws Exception {
        failIfAsked();
        requests.add("delete " + node);
        nodes.remove(node);
    }

    @Override
    public boolean createLeaf(String node) throws Exception {
        failIfAsked();
        requests.add("create " + node);
        if (nodes.contains(node)) {
            return false;
        }
        nodes.add(node);
        return true;
    }

    private void failIfAsked() throws Exception {
        if (failure != null) {
            throw failure;
        }
    }
}
