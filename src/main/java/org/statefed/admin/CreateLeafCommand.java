package org.statefed.admin;

import java.util.List;

/** {@code xmpp create leaf [CONNECTION] NODE}: creates a leaf node with the server's default configuration. */
final class CreateLeafCommand implements AdminCommand {
    private final AdminNode node;

    CreateLeafCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("xmpp", "create", "leaf");
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
        return "Creates a PubSub leaf node";
    }

    @Override
    public String description() {
        return "Creates the leaf node NODE with the server's default configuration through\n"
                + "CONNECTION (a client section name; may be left out when there is only one).\n"
                + "statefed uses no collections, so unlike Asterisk it takes no collection name.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException, CommandFailedException {
        AdminSite site = SiteChoice.forNodeArguments(node, args);
        String name = args.get(args.size() - 1);
        boolean created;
        SiteChoice.requireConnected(site);
        try {
            created = site.createLeaf(name);
        } catch (Exception e) {
            throw SiteChoice.failure("creating node " + name, site, e);
        }
        out.printf(created ? "Created leaf node %s." : "Leaf node %s already exists.", name);
    }
}
