package org.statefed.admin;

import java.util.List;
import java.util.Locale;

import org.statefed.config.ClientConfig;
import org.statefed.config.GeneralConfig;
import org.statefed.node.LinkStatus;

/**
 * {@code core show settings}: in the shape of Asterisk's "PBX Core settings", what this node runs
 * with: version, entity id, layout, and each account. Never the secrets.
 */
final class ShowSettingsCommand implements AdminCommand {
    private static final String ROW = "  %-29s%s";

    private final AdminNode node;

    ShowSettingsCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("core", "show", "settings");
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show some core settings";
    }

    @Override
    public String description() {
        return "Shows the version, entity id, PubSub layout, accounts and links this node runs with.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        GeneralConfig general = node.config().general();
        out.println("");
        out.println("statefed settings");
        out.println("-----------------");
        out.printf(ROW, "Version:", node.version());
        out.printf(ROW, "Entity ID:", general.entityId()
                + (general.entityIdDerived() ? " (derived from a MAC address)" : ""));
        out.printf(ROW, "PubSub layout:", general.pubsubLayout().keyword());
        out.printf(ROW, "Configuration file:", node.config().file());
        out.printf(ROW, "Admin socket:", general.adminSocket());
        out.printf(ROW, "State file:", general.stateFile());
        out.printf(ROW, "Stale timeout:", general.staleTimeout().toSeconds() + " s");
        out.printf(ROW, "Auto register buddies:", yesNo(general.autoregister()));
        out.printf(ROW, "Auto prune roster:", yesNo(general.autoprune()));
        out.printf(ROW, "Auth policy:", general.authPolicy().name().toLowerCase(Locale.ROOT));
        out.printf(ROW, "Collection nodes:", yesNo(general.collectionNodes()));
        out.printf(ROW, "Hints:", node.config().hints().size());
        out.println("");
        out.println("* Accounts");
        List<ClientConfig> clients = node.config().distributingClients();
        if (clients.isEmpty()) {
            out.println("  (none with distribute_events=yes)");
        }
        for (ClientConfig client : clients) {
            out.printf(ROW, "[" + client.name() + "]", client.displayJid());
            out.printf(ROW, "  Server:", client.serverHost() + ":" + client.port()
                    + (client.useTls() ? " (TLS)" : " (no TLS)"));
            out.printf(ROW, "  PubSub service:", client.hasPubsubService() ? client.pubsubService()
                    : client.jid() + " (its own PEP service)");
            out.printf(ROW, "  Buddies:", client.buddies().isEmpty() ? "(none)"
                    : String.join(", ", client.buddies().stream().map(Object::toString).toList()));
        }
        printLinks(out);
    }

    /** Every link (XMPP account, Corosync group, SIP publication peer): section name, kind, state. */
    private void printLinks(CommandOutput out) {
        List<LinkStatus> links = node.linkStatuses();
        out.println("");
        out.println("* Links");
        if (links.isEmpty()) {
            out.println("  (none)");
        }
        for (LinkStatus link : links) {
            out.printf(ROW, "[" + link.name() + "]", link.kind().configType() + " (" + link.kind().reach()
                    .name().toLowerCase(Locale.ROOT) + "), " + link.state() + (link.ready() ? ", ready" : "")
                    + ", " + link.peers() + (link.peers() == 1 ? " peer" : " peers"));
        }
    }

    private static String yesNo(boolean value) {
        return value ? "Yes" : "No";
    }
}
