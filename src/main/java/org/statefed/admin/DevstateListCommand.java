package org.statefed.admin;

import java.time.Instant;
import java.util.List;

import org.statefed.state.DeviceSnapshot;
import org.statefed.state.EntrySnapshot;

/**
 * {@code devstate list}: Asterisk's layout, for every device the cluster knows (not only
 * {@code Custom:} ones) with its aggregate and, beyond Asterisk, what each site reports and how long
 * ago that arrived.
 */
final class DevstateListCommand implements AdminCommand {
    static final String RULE = "---------------------------------------------------------------------";

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
        return "";
    }

    @Override
    public String summary() {
        return "List currently known device states";
    }

    @Override
    public String description() {
        return "Lists every device some site reports: its cluster-wide aggregate state, then each\n"
                + "site's report (by entity id) and how long ago it arrived.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        Instant now = node.clock().instant();
        out.println("");
        out.println(RULE);
        out.println(title("--- Device States "));
        out.println(RULE);
        out.println("---");
        for (DeviceSnapshot device : node.devices().snapshot()) {
            out.printf("--- Name: '%s'  State: '%s'", device.device(), device.aggregate().token());
            for (EntrySnapshot entry : device.entries()) {
                out.printf("---     from %s%s: '%s'%s, %s ago", entry.eid(),
                        entry.eid().equals(node.config().general().entityId()) ? " (this site)" : "",
                        entry.state().token(), entry.cachable() ? "" : " (not cachable)",
                        Age.between(entry.updatedAt(), now));
            }
            out.println("---");
        }
        out.println(RULE);
        out.println(RULE);
        out.println("");
    }

    private static String title(String start) {
        return start + RULE.substring(start.length());
    }
}
