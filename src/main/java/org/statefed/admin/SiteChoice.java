package org.statefed.admin;

import java.util.List;
import java.util.Optional;

/**
 * Which account a PubSub command acts through. Asterisk's commands name it first
 * ({@code xmpp delete node asterisk NODE}); statefed also lets the only account be left out.
 */
final class SiteChoice {
    private SiteChoice() {
    }

    static Optional<AdminSite> find(AdminNode node, String name) {
        return node.sites().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The account named {@code name}, with Asterisk's message when there is none. */
    static AdminSite named(AdminNode node, String name) throws CommandFailedException {
        return find(node, name).orElseThrow(() -> new CommandFailedException("Unable to find client '" + name + "'!"));
    }

    /** The only account; with several the operator must name one. */
    static AdminSite only(AdminNode node) throws UsageException, CommandFailedException {
        List<AdminSite> sites = node.sites();
        if (sites.isEmpty()) {
            throw new CommandFailedException("This node has no account with distribute_events=yes.");
        }
        if (sites.size() > 1) {
            throw new UsageException("This node has " + sites.size() + " accounts ("
                    + String.join(", ", sites.stream().map(AdminSite::name).toList()) + "); name the one to use.");
        }
        return sites.get(0);
    }

    /** Refuses before asking a server the site is not logged in to. */
    /** The site of a {@code [CONNECTION] NODE} argument list; NODE is the last argument. */
    static AdminSite forNodeArguments(AdminNode node, List<String> args) throws UsageException, CommandFailedException {
        return switch (args.size()) {
            case 1 -> only(node);
            case 2 -> named(node, args.get(0));
            default -> throw new UsageException();
        };
    }

    static void requireConnected(AdminSite site) throws CommandFailedException {
        switch (site.linkState()) {
            case DISCONNECTED, CONNECTING, DISCONNECTING -> throw new CommandFailedException("[" + site.name()
                    + "] is not connected to its XMPP server (" + site.linkState().displayText()
                    + "); see 'jabber show connected'.");
            default -> {
                // logged in: PubSub requests can go out
            }
        }
    }

    /** A failed PubSub request as one line: what was asked, through which account, and the server's answer. */
    static CommandFailedException failure(String what, AdminSite site, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CommandFailedException("[" + site.name() + "] " + what + " failed (" + site.linkState().displayText()
                + "): " + reason, e);
    }
}
