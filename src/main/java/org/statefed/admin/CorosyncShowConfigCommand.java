package org.statefed.admin;

import java.util.ArrayList;
import java.util.List;

import org.statefed.config.CorosyncEventType;
import org.statefed.corosync.CorosyncView;

/**
 * {@code corosync show config}: what each Corosync link publishes and subscribes to, in res_corosync's
 * shape and order (mwi, device_state, then ping and cluster_discovery, which are always exchanged), and
 * the CPG group it joins.
 */
final class CorosyncShowConfigCommand implements AdminCommand {
    private final AdminNode node;

    CorosyncShowConfigCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("corosync", "show", "config");
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show configuration of the Corosync links";
    }

    @Override
    public String description() {
        return "Shows the event types each Corosync link publishes and subscribes to, and its CPG group.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        List<CorosyncView> links = node.corosyncLinks();
        if (links.isEmpty()) {
            CorosyncFrame.none(out);
            return;
        }
        for (CorosyncView link : links) {
            List<String> lines = new ArrayList<>();
            for (CorosyncEventType event : CorosyncEventType.values()) {
                if (link.config().publishes(event)) {
                    lines.add("==> Publishing Event Type: " + event.keyword());
                }
                if (link.config().subscribes(event)) {
                    lines.add("==> Subscribing to Event Type: " + event.keyword());
                }
            }
            for (String always : List.of("ping", "cluster_discovery")) {
                lines.add("==> Publishing Event Type: " + always);
                lines.add("==> Subscribing to Event Type: " + always);
            }
            lines.add("==> CPG Group: " + link.config().group() + " ([" + link.config().name() + "])");
            CorosyncFrame.print(out, "res_corosync config", lines);
        }
    }
}
