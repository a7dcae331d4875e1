package org.statefed.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.statefed.admin.CommandRegistry;
import org.statefed.node.StatefedNode;
import org.statefed.demo.Change.DeviceChange;
import org.statefed.demo.Change.MailboxChange;
import org.statefed.state.DeviceState;
import org.statefed.state.MwiCounts;

/**
 * The demo's script: a call rings at site A and is answered, a colleague at site C is busy, voicemail arrives,
 * the call ends. After each step it waits for every site to show the change and prints each site's tables.
 */
final class DemoScenario {
    private static final DemoSite A = DemoSite.ALL.get(0);
    private static final DemoSite B = DemoSite.ALL.get(1);
    private static final DemoSite C = DemoSite.ALL.get(2);

    /** The steps, in order. */
    static final List<Step> STEPS = List.of(
            new Step("a call for alice rings at site A", A, new DeviceChange("PJSIP/alice", DeviceState.RINGING)),
            new Step("alice answers", A, new DeviceChange("PJSIP/alice", DeviceState.INUSE)),
            new Step("carol, a colleague at site C, is busy", C, new DeviceChange("PJSIP/carol", DeviceState.BUSY)),
            new Step("the voicemail server at site B takes a message for 1000", B,
                    new MailboxChange("1000@demo", new MwiCounts(1, 0))),
            new Step("alice's call ends", A, new DeviceChange("PJSIP/alice", DeviceState.NOT_INUSE)));

    private final DemoCluster cluster;
    private final Function<StatefedNode, CommandRegistry> consoles;
    private final PrintStream out;
    private final Duration deadline;

    /**
     * @param deadline how long every site may take to show a step's change
     */
    DemoScenario(DemoCluster cluster, Function<StatefedNode, CommandRegistry> consoles, PrintStream out,
            Duration deadline) {
        this.cluster = cluster;
        this.consoles = consoles;
        this.out = out;
        this.deadline = deadline;
    }

    /** Plays every step; whether every site showed every change within the deadline. */
    boolean play() {
        boolean allConverged = true;
        for (int i = 0; i < STEPS.size(); i++) {
            Step step = STEPS.get(i);
            out.printf("%n== Step %d of %d, at %s: %s (%s)%n", i + 1, STEPS.size(), step.site().title(),
                    step.story(), step.change().describe());
            long start = System.nanoTime();
            step.change().apply(cluster.node(step.site()));
            Convergence<DemoSite> convergence = Convergence.await(DemoSite.ALL,
                    site -> step.change().seenBy(cluster.node(site)), start, deadline);
            out.println(timesLine(convergence));
            allConverged &= convergence.complete();
            DemoSite.ALL.forEach(this::printTables);
        }
        return allConverged;
    }

    private String timesLine(Convergence<DemoSite> convergence) {
        String times = DemoSite.ALL.stream().map(site -> convergence.time(site)
                .map(time -> site.title() + " " + String.format(Locale.ROOT, "%.1f ms", time.toNanos() / 1e6))
                .orElse(site.title() + " NOT within " + deadline.toMillis() + " ms"))
                .collect(Collectors.joining(", "));
        return (convergence.complete() ? "   converged: " : "   NOT CONVERGED: ") + times;
    }

    private void printTables(DemoSite site) {
        StatefedNode node = cluster.node(site);
        CommandRegistry console = consoles.apply(node);
        out.printf("%n--- %s: entity id %s, %s@%s ---%n", site.title(), site.entityId(), site.account(),
                cluster.server().domain());
        List<String> commands = node.mailboxes().mailboxCount() > 0
                ? List.of("core show hints", "devstate list", "mwi list")
                : List.of("core show hints", "devstate list");
        for (String command : commands) {
            out.print("*CLI> " + command + "\n" + console.execute(command).output());
        }
    }
}
