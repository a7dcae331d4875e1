package org.statefed.admin;

import java.util.List;

/**
 * {@code xmpp delete node [CONNECTION] NODE}: deletes a node. A node this site publishes to is
 * created again on its next publish.
 */
final class DeleteNodeCommand implements AdminCommand {
    private final AdminNode node;

    DeleteNodeCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("xmpp", "delete", "node");
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public String arguments() {
        return "[CONNECTION] NODE";
    }

    @Override
    public String summary() {
        return "Deletes a PubSub node";
    }

    @Override
    public String description() {
        return "Deletes NODE on the PubSub service of CONNECTION (a client section name; may be\n"
                + "left out when there is only one). Only the node's owner may delete it.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException, CommandFailedException {
        AdminSite site = SiteChoice.forNodeArguments(node, args);
        String name = args.get(args.size() - 1);
        SiteChoice.requireConnected(site);
        try {
            site.deleteNode(name);
        } catch (Exception e) {
            throw SiteChoice.failure("deleting node " + name, site, e);
        }
        out.printf("Deleted node %s.", name);
    }
}
