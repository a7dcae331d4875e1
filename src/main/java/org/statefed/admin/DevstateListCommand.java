package org.statefed.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.statefed.state.DeviceSnapshot;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.xmpp.RemoteSite;

/**
 * {@code devstate list}: Asterisk's layout, for every device the cluster knows (not only
 * {@code Custom:} ones) with its aggregate and, beyond Asterisk, what each site reports and how long
 * ago that arrived.
 */
final class DevstateListCommand implements AdminCommand {
    static final String RULE = "---------------------------------------------------------------------";
    /** After an entry read back from the state file at start that nothing has confirmed or replaced yet. */
    static final String RESTORED = " (restored)";
    /** Before the link an entry came from: an XMPP, Corosync or SIP section name, or {@code local}. */
    static final String VIA = ", via ";

    private final AdminNode node;

    DevstateListCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("devstate", "list");
    }

    @Override
    public String arguments() {
        return NameFilter.ARGUMENTS;
    }

    @Override
    public String summary() {
        return "List currently known device states";
    }

    @Override
    public String description() {
        return "Lists every device some site reports: its cluster-wide aggregate state, then each\n"
                + "site's report (by entity id), how long ago it arrived and the link it came by (a\n"
                + "section name of the configuration, or 'local' for this site's own changes); '(restored)'\n"
                + "marks a report read back from the state file at start that no link has confirmed yet.\n"
                + NameFilter.DESCRIPTION
                + "Example: devstate list like ^Custom:\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NameFilter filter = NameFilter.parse(args, false);
        Instant now = node.clock().instant();
        Map<EntityId, String> whose = new HashMap<>();
        node.sites().forEach(site -> site.remoteSites().forEach(remote ->
                remote.eid().ifPresent(eid -> whose.put(eid, remote.jid().toString()))));
        EntityId own = node.config().general().entityId();
        out.println("");
        out.println(RULE);
        out.println(title("--- Device States "));
        out.println(RULE);
        out.println("---");
        for (DeviceSnapshot device : node.devices().snapshot()) {
            if (!filter.accepts(device.device())) {
                continue;
            }
            // Concatenation, not printf: this loop runs once per device, 620 000 times on a big cluster.
            out.println("--- Name: '" + device.device() + "'  State: '" + device.aggregate().token() + "'");
            for (EntrySnapshot entry : device.entries()) {
                String site = entry.eid().equals(own) ? " (this site)"
                        : whose.containsKey(entry.eid()) ? " (" + whose.get(entry.eid()) + ")" : "";
                out.println("---     from " + entry.eid() + site + ": '" + entry.state().token() + "'"
                        + (entry.cachable() ? "" : " (not cachable)") + ", " + Age.between(entry.updatedAt(), now)
                        + " ago" + (entry.restored() ? RESTORED : VIA + entry.origin().link()));
            }
            out.println("---");
        }
        out.println(RULE);
        printSites(out);
        out.println(RULE);
        out.println("");
    }

    /** Beyond Asterisk: whether each buddy's states are current, kept while it is away, or dropped. */
    private void printSites(CommandOutput out) {
        List<String> lines = new ArrayList<>();
        for (AdminSite site : node.sites()) {
            for (RemoteSite remote : site.remoteSites()) {
                lines.add(String.format("--- [%s] %s  %s  %s", site.name(), remote.jid(),
                        remote.eid().map(Object::toString).orElse("(entity id unknown)"),
                        remote.liveness().description()));
            }
        }
        if (!lines.isEmpty()) {
            out.println(title("--- Sites "));
            lines.forEach(out::println);
        }
    }

    private static String title(String start) {
        return start + RULE.substring(start.length());
    }
}
