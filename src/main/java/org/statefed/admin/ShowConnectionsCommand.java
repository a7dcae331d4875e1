package org.statefed.admin;

import java.util.List;

/** {@code jabber show connected} ({@code xmpp show connections}): each account and its link state, as Asterisk shows it. */
final class ShowConnectionsCommand implements AdminCommand {
    private final AdminNode node;

    ShowConnectionsCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("jabber", "show", "connected");
    }

    @Override
    public List<List<String>> aliases() {
        return List.of(List.of("xmpp", "show", "connections"));
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show state of clients and components";
    }

    @Override
    public String description() {
        return "Shows each account statefed shares events with and the state of its connection.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        List<AdminSite> sites = node.sites();
        out.println("Jabber Users and their status:");
        for (AdminSite site : sites) {
            out.printf("       [%s] %s     - %s", site.name(), site.username(), site.linkState().displayText());
        }
        out.println("----");
        out.printf("   Number of clients: %d", sites.size());
    }
}
