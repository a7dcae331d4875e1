package org.statefed.admin;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.statefed.wire.RejectReason;
import org.statefed.xmpp.Counters;
import org.statefed.xmpp.PublishReason;

/**
 * {@code core show stats}: every counter of the node, zeros included so that scripts find each line,
 * then the rejected items per reason, only the reasons that occurred (fifteen zero lines would hide
 * the one that matters).
 */
final class ShowStatsCommand implements AdminCommand {
    private static final String ROW = "  %-20s %12d  %s";

    private final AdminNode node;

    ShowStatsCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("core", "show", "stats");
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show what the node received, published and dropped";
    }

    @Override
    public String description() {
        return "Shows every counter since the node started (zeros included), the publishes sent per\n"
                + "reason, then the rejected items per reason (only reasons that occurred).\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        Counters counters = node.counters();
        out.println("Counters since start:");
        for (Map.Entry<Counters.Counter, Long> e : counters.snapshot().entrySet()) {
            out.printf(ROW, keyword(e.getKey().name()), e.getValue(), e.getKey().description());
        }
        out.println("Publishes by reason:");
        for (Map.Entry<PublishReason, Long> e : counters.publishSnapshot().entrySet()) {
            out.printf(ROW, keyword(e.getKey().name()), e.getValue(), e.getKey().description());
        }
        out.println("Rejected items by reason:");
        boolean any = false;
        for (Map.Entry<RejectReason, Long> e : counters.rejectionSnapshot().entrySet()) {
            if (e.getValue() > 0) {
                out.printf(ROW, keyword(e.getKey().name()), e.getValue(), e.getKey().description());
                any = true;
            }
        }
        if (!any) {
            out.println("  none");
        }
    }

    /** {@code ITEMS_APPLIED} as {@code items-applied}. */
    private static String keyword(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
