package org.statefed.admin;

import java.util.List;

/**
 * The frame res_corosync's CLI commands print their lines in: three rules with a title, {@code ===}
 * lines, a closing rule. Shared by {@code corosync show members} and {@code corosync show config}.
 */
final class CorosyncFrame {
    static final String RULE = "=============================================================";

    private CorosyncFrame() {
    }

    /** {@code === Title ===…} padded with '=' to the rule's width, as Asterisk writes it. */
    static String title(String title) {
        String start = "=== " + title + " ";
        return start + "=".repeat(Math.max(3, RULE.length() - start.length()));
    }

    static void print(CommandOutput out, String title, List<String> lines) {
        out.println(RULE);
        out.println(title(title));
        out.println(RULE);
        out.println("===");
        lines.forEach(line -> out.println("=== " + line));
        out.println("===");
        out.println(RULE);
    }

    /** What the corosync commands say on a node without Corosync links. */
    static void none(CommandOutput out) {
        out.println("No Corosync link is configured; add a section with type = corosync (see jabber.conf.sample)");
    }
}
