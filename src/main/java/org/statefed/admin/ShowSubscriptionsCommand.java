package org.statefed.admin;

import java.util.List;

import org.statefed.xmpp.NodeSubscription;

/** {@code jabber show subscriptions} ({@code xmpp show subscriptions}): each watched node's subscription state. */
final class ShowSubscriptionsCommand implements AdminCommand {
    private final AdminNode node;

    ShowSubscriptionsCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("jabber", "show", "subscriptions");
    }

    @Override
    public List<List<String>> aliases() {
        return List.of(List.of("xmpp", "show", "subscriptions"));
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show PubSub subscriptions of our clients";
    }

    @Override
    public String description() {
        return "Shows, per account, every node it watches (its buddies' nodes, or the shared ones),\n"
                + "whose it is and whether the server has it subscribed, pending approval, not there yet\n"
                + "or refused (with the server's condition). An account that receives from no node says so.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        out.println("XMPP PubSub subscriptions");
        for (AdminSite site : node.sites()) {
            out.println("Client: " + site.name());
            List<NodeSubscription> subscriptions = site.subscriptions();
            for (NodeSubscription s : subscriptions) {
                out.println("\tNode:\t" + s.node() + s.owner().map(o -> " (of " + o + ")").orElse(""));
                out.println("\t\t" + s.state().text() + (s.detail().isEmpty() ? "" : ": " + s.detail()));
            }
            if (!subscriptions.isEmpty() && subscriptions.stream().noneMatch(NodeSubscription::receiving)) {
                out.println("\tWARNING: this account receives from no node");
            }
        }
    }
}
