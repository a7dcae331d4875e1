package org.statefed.admin;

import java.util.List;

import org.statefed.xmpp.BuddyResource;
import org.statefed.xmpp.BuddyStatus;

/** {@code jabber show buddies} ({@code xmpp show buddies}): each account's buddies and their online resources with caps. */
final class ShowBuddiesCommand implements AdminCommand {
    private final AdminNode node;

    ShowBuddiesCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("jabber", "show", "buddies");
    }

    @Override
    public List<List<String>> aliases() {
        return List.of(List.of("xmpp", "show", "buddies"));
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show buddy lists of our clients";
    }

    @Override
    public String description() {
        return "Shows each account's buddies; an online buddy with each resource and its entity\n"
                + "capabilities (node and version). A buddy without resources is offline.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        out.println("XMPP buddy lists");
        for (AdminSite site : node.sites()) {
            out.println("Client: " + site.name());
            for (BuddyStatus buddy : site.buddies()) {
                out.println("\tBuddy:\t" + buddy.jid());
                for (BuddyResource resource : buddy.resources()) {
                    out.println("\t\tResource: " + resource.resource());
                    out.println("\t\t\tnode: " + resource.capsNode());
                    out.println("\t\t\tversion: " + resource.capsVersion());
                }
            }
        }
    }
}
