package org.statefed.admin;

import java.util.List;

import org.statefed.state.HintSnapshot;

/**
 * {@code core show hints}: exactly Asterisk's format. statefed has no presence and no watchers, so
 * those columns always read {@code not_set} and 0, as in an Asterisk with no subscribed phones.
 */
final class ShowHintsCommand implements AdminCommand {
    static final String ROW = "%-30.30s: %-60.60s  State:%-15.15s Presence:%-15.15s Watchers %2d";

    private final AdminNode node;

    ShowHintsCommand(AdminNode node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return List.of("core", "show", "hints");
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "Show dialplan hints";
    }

    @Override
    public String description() {
        return "List registered hints, with the extension state derived from the cluster-wide\n"
                + "states of their devices.\n";
    }

    @Override
    public void run(List<String> args, CommandOutput out) throws UsageException {
        NoArguments.require(args);
        List<HintSnapshot> hints = node.hints().snapshot();
        if (hints.isEmpty()) {
            out.println("There are no registered dialplan hints");
            return;
        }
        out.println("");
        out.println("    -= Registered Asterisk Dial Plan Hints =-");
        for (HintSnapshot hint : hints) {
            out.printf(ROW, hint.hint().name(), hint.hint().devicesText(), hint.state().displayName(), "not_set", 0);
        }
        out.println("----------------");
        out.printf("- %d hints registered", hints.size());
    }
}
