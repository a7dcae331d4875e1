package org.statefed.app;

import java.util.List;

import org.statefed.admin.AdminSite;
import org.statefed.config.ClientConfig;
import org.statefed.xmpp.BuddyStatus;
import org.statefed.xmpp.LinkState;
import org.statefed.xmpp.NodeSubscription;
import org.statefed.xmpp.RemoteSite;
import org.statefed.xmpp.SiteConnection;

/** One {@link SiteConnection} as the admin commands see it, with the username as configured. */
final class SiteAdminView implements AdminSite {
    private final SiteConnection site;
    private final ClientConfig client;

    SiteAdminView(SiteConnection site, ClientConfig client) {
        this.site = site;
        this.client = client;
    }

    @Override
    public String name() {
        return site.name();
    }

    @Override
    public String username() {
        return client != null ? client.displayJid() : site.displayJid();
    }

    @Override
    public LinkState linkState() {
        return site.linkState();
    }

    @Override
    public List<BuddyStatus> buddies() {
        return site.buddies();
    }

    @Override
    public List<RemoteSite> remoteSites() {
        return site.remoteSites();
    }

    @Override
    public List<NodeSubscription> subscriptions() {
        return site.subscriptions();
    }

    @Override
    public List<String> ownNodes() {
        return site.ownNodes();
    }

    @Override
    public List<String> listNodes() throws Exception {
        return site.listNodes();
    }

    @Override
    public void purgeNode(String node) throws Exception {
        site.purgeNode(node);
    }

    @Override
    public void deleteNode(String node) throws Exception {
        site.deleteNode(node);
    }

    @Override
    public boolean createLeaf(String node) throws Exception {
        return site.createLeaf(node);
    }
}
