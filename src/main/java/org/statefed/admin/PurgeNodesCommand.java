package org.statefed.admin;

import java.util.List;
import java.util.Optional;

/**
 * {@code xmpp purge nodes [CONNECTION] [NODE]}: removes every item of a node, by default of the nodes
 * this site publishes to. Buddies keep the states they know (they ignore purge events) and the items
 * come back as sites republish.
 */
final class PurgeNodesCommand implements AdminCommand {
    private final AdminNode node;

    PurgeNodesCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("xmpp", "purge", "nodes");
    }

    @Override
    public boolean changesState() {
        return true;
    }

    @Override
    public String arguments() {
        return "[CONNECTION] [NODE]";
    }

    @Override
    public String summary() {
        return "Purges PubSub nodes";
    }

    @Override
    public String description() {
        return "Removes every item of NODE, or of the nodes this site publishes to when NODE is\n"
                + "left out. CONNECTION (a client section name) may be left out when there is only\n"
                + "one; a single argument naming a client section is taken as CONNECTION.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException, CommandFailedException {
        AdminSite site;
        List<String> nodes;
        if (args.isEmpty()) {
            site = SiteChoice.only(node);
            nodes = site.ownNodes();
        } else if (args.size() == 1) {
            Optional<AdminSite> named = SiteChoice.find(node, args.get(0));
            site = named.isPresent() ? named.get() : SiteChoice.only(node);
            nodes = named.isPresent() ? site.ownNodes() : List.of(args.get(0));
        } else if (args.size() == 2) {
            site = SiteChoice.named(node, args.get(0));
            nodes = List.of(args.get(1));
        } else {
            throw new UsageException();
        }
        SiteChoice.requireConnected(site);
        for (String name : nodes) {
            try {
                site.purgeNode(name);
            } catch (Exception e) {
                throw SiteChoice.failure("purging node " + name, site, e);
            }
            out.printf("Purged node %s.", name);
        }
    }
}
