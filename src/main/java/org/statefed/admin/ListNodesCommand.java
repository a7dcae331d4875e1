package org.statefed.admin;

import java.util.List;

/** {@code xmpp list nodes [CONNECTION]}: the nodes on the account's PubSub service, as Asterisk lists them. */
final class ListNodesCommand implements AdminCommand {
    private final AdminNode node;

    ListNodesCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("xmpp", "list", "nodes");
    }

    @Override
    public String arguments() {
        return "[CONNECTION]";
    }

    @Override
    public String summary() {
        return "Lists PubSub nodes";
    }

    @Override
    public String description() {
        return "Lists the nodes on the PubSub service of CONNECTION (a client section name;\n"
                + "may be left out when there is only one).\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException, CommandFailedException {
        AdminSite site = switch (args.size()) {
            case 0 -> SiteChoice.only(node);
            case 1 -> SiteChoice.named(node, args.get(0));
            default -> throw new UsageException();
        };
        List<String> nodes;
        SiteChoice.requireConnected(site);
        try {
            nodes = site.listNodes();
        } catch (Exception e) {
            throw SiteChoice.failure("listing nodes", site, e);
        }
        out.println("Listing pubsub nodes.");
        out.printf("Connection %s: %s", site.name(), bare(site.username()));
        nodes.stream().sorted().forEach(n -> out.println("Node name: " + n));
    }

    private static String bare(String username) {
        int slash = username.indexOf('/');
        return slash < 0 ? username : username.substring(0, slash);
    }
}
