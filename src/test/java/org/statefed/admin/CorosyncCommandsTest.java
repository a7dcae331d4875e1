package org.statefed.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.statefed.config.CorosyncConfig;
import org.statefed.config.CorosyncEventType;
import org.statefed.corosync.CorosyncCounters;
import org.statefed.corosync.CorosyncView;
import org.statefed.corosync.cpg.CpgMember;
import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;

/** {@code corosync show members} and {@code corosync show config} against what res_corosync printed in the capture. */
class CorosyncCommandsTest {
    private static final CpgMember LISTENER = new CpgMember(1, 17236);
    private static final CpgMember A1 = new CpgMember(1, 17247);
    private static final CpgMember A2 = new CpgMember(1, 17356);

    private final FakeNode node = new FakeNode();
    private final CommandRegistry registry = CommandRegistry.standard(node);

    private record View(CorosyncConfig config, List<CpgMember> members, Optional<CpgMember> self, String state)
            implements CorosyncView {
        @Override
        public CorosyncCounters counters() {
            return new CorosyncCounters();
        }

        @Override
        public LinkStatus status() {
            return new LinkStatus(config.name(), LinkKind.COROSYNC, state, self.isPresent(), members.size(), List.of());
        }
    }

    private static CorosyncConfig asInTheCapture() {
        return new CorosyncConfig("corosync", "asterisk", EnumSet.allOf(CorosyncEventType.class),
                EnumSet.allOf(CorosyncEventType.class));
    }

    private String run(String line) {
        CommandResult result = registry.execute(line);
        assertThat(result.status()).as("%s\n%s", line, result.output()).isEqualTo(CommandStatus.SUCCESS);
        return result.output();
    }

    @Test
    void showMembersHasResCorosyncsShapePlusEachMembersPid() {
        node.corosyncLinks.add(new View(asInTheCapture(), List.of(LISTENER, A1, A2), Optional.of(A2), "Joined"));

        List<String> printed = run("corosync show members").lines().toList();

        // The capture's a2*CLI> corosync show members after a2 joined: three members on node 1.
        assertThat(printed.stream().filter(l -> !l.startsWith("=== --> Pid: ")).toList())
                .containsExactlyElementsOf(transcript("#   a2*CLI> corosync show members"));
        assertThat(printed).filteredOn(l -> l.startsWith("=== --> Pid: "))
                .containsExactly("=== --> Pid: 17236", "=== --> Pid: 17247", "=== --> Pid: 17356 (this statefed)");
    }

    @Test
    void showConfigIsResCorosyncsOutputForTheSameSettingsPlusTheGroup() {
        node.corosyncLinks.add(new View(asInTheCapture(), List.of(), Optional.empty(), "Joined"));

        List<String> printed = run("corosync show config").lines().toList();

        assertThat(printed.stream().filter(l -> !l.startsWith("=== ==> CPG Group: ")).toList())
                .containsExactlyElementsOf(transcript("#   a2*CLI> corosync show config"));
        assertThat(printed).contains("=== ==> CPG Group: asterisk ([corosync])");
    }

    @Test
    void showConfigListsOnlyWhatIsPublishedAndSubscribed() {
        node.corosyncLinks.add(new View(new CorosyncConfig("lan", "pbx", EnumSet.of(CorosyncEventType.DEVICE_STATE),
                EnumSet.noneOf(CorosyncEventType.class)), List.of(), Optional.empty(), "Joined"));

        assertThat(run("corosync show config")).contains("""
                ===
                === ==> Publishing Event Type: device_state
                === ==> Publishing Event Type: ping
                """);
    }

    @Test
    void showMembersWhileNotJoinedSaysWhy() {
        node.corosyncLinks.add(new View(asInTheCapture(), List.of(), Optional.empty(), "Retrying in 4 s"));

        assertThat(run("corosync show members"))
                .contains("=== Not a member of CPG group asterisk ([corosync] Retrying in 4 s)\n");
    }

    @Test
    void withoutACorosyncLinkTheCommandsSaySo() {
        assertThat(run("corosync show members")).isEqualTo("No Corosync link is configured; add a section with"
                + " type = corosync (see jabber.conf.sample)\n");
        assertThat(run("corosync show config")).startsWith("No Corosync link is configured");
    }

    /** The lines printed after {@code heading} in the capture, without the transcript's indentation. */
    private static List<String> transcript(String heading) {
        List<String> lines = captureLines();
        int start = lines.indexOf(heading);
        assertThat(start).as("capture has " + heading).isNotNegative();
        List<String> printed = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("#       ")
                && !lines.get(i).startsWith("#       log:"); i++) {
            printed.add(lines.get(i).substring("#       ".length()));
        }
        return printed;
    }

    private static List<String> captureLines() {
        try (InputStream in = CorosyncCommandsTest.class.getResourceAsStream("/captures/asterisk-res_corosync.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
