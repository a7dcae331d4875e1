package org.statefed.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.statefed.corosync.codec.DecodedEvent;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventDecoder;
import org.statefed.corosync.codec.EventEncoder;
import org.statefed.demo.lan.LanMember;
import org.statefed.state.DeviceState;

/**
 * The demo's LAN steps, played after the XMPP ones when site A bridges a Corosync LAN of simulated Asterisk
 * members: a member's change reaches B and C under the member's entity id; B's change reaches every member as
 * res_corosync bytes (printed decoded); a member that leaves has its states dropped at every site after the
 * stale rule.
 */
final class LanScenario {
    static final DemoSite A = DemoSite.ALL.get(0);
    static final DemoSite B = DemoSite.ALL.get(1);
    static final DemoSite C = DemoSite.ALL.get(2);
    static final String MEMBER_DEVICE = "PJSIP/dave";
    static final String WAN_DEVICE = "PJSIP/bob";
    private static final int STEPS = 3;

    private final LanSites sites;
    private final List<LanMember> members;
    private final String group;
    private final long bridgePid;
    private final PrintStream out;
    private final Duration deadline;

    /**
     * @param members  the LAN's members, at least one; the first one changes a device and later leaves
     * @param group    the CPG group they and site A share, for the story
     * @param bridgePid the process id site A's bridge sends from, to name it in the story
     * @param deadline how long a change may take to reach every site or member (the stale step adds the stale
     *                 rule's own time)
     */
    LanScenario(LanSites sites, List<LanMember> members, String group, long bridgePid, PrintStream out,
            Duration deadline) {
        this.sites = Objects.requireNonNull(sites, "sites");
        this.members = List.copyOf(members);
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("the LAN needs a member");
        }
        this.group = Objects.requireNonNull(group, "group");
        this.bridgePid = bridgePid;
        this.out = Objects.requireNonNull(out, "out");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * How long the last step may take: site A drops the member's states after stale_timeout and announces it no
     * longer bridges its entity id; B and C then drop them after their own stale_timeout.
     */
    Duration staleDeadline() {
        return sites.staleTimeout().multipliedBy(2).plus(deadline);
    }

    /** Plays the LAN steps; whether every site and member showed every change within its deadline. */
    boolean play() {
        LanMember first = members.get(0);
        boolean converged = memberChanges(first);
        converged &= wanChangeReachesMembers();
        converged &= memberLeaves(first);
        return converged;
    }

    private boolean memberChanges(LanMember member) {
        heading(1, "at " + A.title() + "'s LAN, " + member.name() + " (entity id " + member.eid()
                + ") reports dave's phone in use over Corosync", MEMBER_DEVICE + " INUSE");
        DeviceStateChange change = new DeviceStateChange(MEMBER_DEVICE, DeviceState.INUSE, true, member.eid());
        byte[] bytes = EventEncoder.encode(change);
        out.printf("   %s multicasts %d bytes to CPG group '%s': %s%n", member.name(), bytes.length, group,
                HexFormat.of().formatHex(bytes));
        long start = System.nanoTime();
        member.send(bytes);
        Convergence<DemoSite> seen = Convergence.await(DemoSite.ALL,
                site -> sites.state(site, MEMBER_DEVICE, member.eid()).filter(DeviceState.INUSE::equals).isPresent(),
                start, deadline);
        out.println(timesLine(seen, DemoSite.ALL, DemoSite::title, deadline));
        for (DemoSite site : List.of(B, C)) {
            printDevice(site, MEMBER_DEVICE);
        }
        return seen.complete();
    }

    private boolean wanChangeReachesMembers() {
        heading(2, "at " + B.title() + ", a call for bob rings", WAN_DEVICE + " RINGING");
        long start = System.nanoTime();
        sites.changeDeviceState(B, WAN_DEVICE, DeviceState.RINGING);
        Convergence<LanMember> seen = Convergence.await(members, member -> delivery(member).isPresent(), start,
                deadline);
        out.println(timesLine(seen, members, LanMember::name, deadline));
        for (LanMember member : members) {
            delivery(member).ifPresent(d -> {
                out.printf("   %s received %d bytes from pid %d%s: %s%n", member.name(), d.bytes().length, d.pid(),
                        d.pid() == bridgePid ? " (site A's bridge)" : "", HexFormat.of().formatHex(d.bytes()));
                out.printf("   %s decodes: %s%n", member.name(), describe(EventDecoder.decode(d.bytes())));
            });
        }
        return seen.complete();
    }

    /** The first res_corosync event of B's change that reached {@code member}. */
    private Optional<LanMember.Delivery> delivery(LanMember member) {
        return member.received().stream().filter(d -> EventDecoder.decode(d.bytes()) instanceof DeviceStateChange c
                && c.device().equals(WAN_DEVICE) && c.state() == DeviceState.RINGING && c.eid().equals(B.entityId()))
                .findFirst();
    }

    private boolean memberLeaves(LanMember member) {
        Duration staleDeadline = staleDeadline();
        heading(3, member.name() + " stops and leaves the CPG group; every site drops its states after"
                + " stale_timeout=" + sites.staleTimeout().toSeconds() + " s", MEMBER_DEVICE + " under "
                + member.eid() + " gone");
        long start = System.nanoTime();
        member.leave();
        Convergence<DemoSite> gone = Convergence.await(DemoSite.ALL,
                site -> sites.state(site, MEMBER_DEVICE, member.eid()).isEmpty(), start, staleDeadline);
        out.println(timesLine(gone, DemoSite.ALL, DemoSite::title, staleDeadline));
        for (DemoSite site : List.of(B, C)) {
            printDevice(site, MEMBER_DEVICE);
        }
        return gone.complete();
    }

    private void heading(int step, String story, String change) {
        out.printf("%n== LAN step %d of %d: %s (%s)%n", step, STEPS, story, change);
    }

    /** The {@code devstate list} block of {@code device} at {@code site}, or that it has none. */
    private void printDevice(DemoSite site, String device) {
        String list = sites.console(site, "devstate list");
        String marker = "--- Name: '" + device + "'";
        List<String> lines = list.lines().toList();
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(marker)) {
                block.append("   ").append(lines.get(i)).append('\n');
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("---     "); j++) {
                    block.append("   ").append(lines.get(j)).append('\n');
                }
            }
        }
        out.printf("   %s, devstate list:%s%n", site.title(), block.isEmpty() ? " no " + device : "");
        out.print(block);
    }

    static String describe(DecodedEvent event) {
        if (event instanceof DeviceStateChange c) {
            return "DEVICE_STATE_CHANGE device=" + c.device() + " state=" + c.state().token() + " cachable="
                    + (c.cachable() ? 1 : 0) + " eid=" + c.eid();
        }
        return event.toString();
    }

    private static <S> String timesLine(Convergence<S> convergence, List<S> targets, Function<S, String> name,
            Duration deadline) {
        String times = targets.stream().map(target -> convergence.time(target)
                .map(time -> name.apply(target) + " " + String.format(Locale.ROOT, "%.1f ms", time.toNanos() / 1e6))
                .orElse(name.apply(target) + " NOT within " + deadline.toMillis() + " ms"))
                .collect(Collectors.joining(", "));
        return (convergence.complete() ? "   converged: " : "   NOT CONVERGED: ") + times;
    }
}
