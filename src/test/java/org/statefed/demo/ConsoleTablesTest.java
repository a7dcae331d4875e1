package org.statefed.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceSnapshot;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.state.ExtensionState;
import org.statefed.state.Hint;
import org.statefed.state.HintSnapshot;
import org.statefed.state.MailboxSnapshot;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiEntry;

class ConsoleTablesTest {
    private static final EntityId HERE = EntityId.parse("00:00:5e:00:53:0a");
    private static final EntityId THERE = EntityId.parse("00:00:5e:00:53:0c");
    private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");

    @Test
    void coreShowHintsPrintsAsterisksLinesSortedByName() {
        String table = ConsoleTables.coreShowHints(List.of(
                new HintSnapshot(Hint.parse("400@demo", "PJSIP/alice&PJSIP/carol"), ExtensionState.BUSY),
                new HintSnapshot(Hint.parse("1234@devstate_test", "Custom:mystate"), ExtensionState.INUSE)));

        // The Asterisk line is copied verbatim from a real "core show hints" (see issue 4).
        assertThat(table).isEqualTo("\n"
                + "    -= Registered Asterisk Dial Plan Hints =-\n"
                + "1234@devstate_test            : Custom:mystate                                                State:InUse           Presence:not_set         Watchers  0\n"
                + "400@demo                      : PJSIP/alice&PJSIP/carol                                       State:Busy            Presence:not_set         Watchers  0\n"
                + "----------------\n"
                + "- 2 hints registered\n");
    }

    @Test
    void coreShowHintsWithoutHintsSaysSoAsAsteriskDoes() {
        assertThat(ConsoleTables.coreShowHints(List.of())).isEqualTo("There are no registered dialplan hints\n");
    }

    @Test
    void coreShowHintsCutsLongColumnsAtAsterisksWidths() {
        String name = "1".repeat(40) + "@demo";
        String table = ConsoleTables.coreShowHints(List.of(
                new HintSnapshot(Hint.parse(name, "PJSIP/" + "x".repeat(70)), ExtensionState.IDLE)));

        assertThat(table).contains("\n" + "1".repeat(30) + ": PJSIP/" + "x".repeat(54) + "  State:Idle ");
    }

    @Test
    void devstateListShowsTheAggregateThenEachSitesReportWithItsAge() {
        String table = ConsoleTables.devstateList(List.of(new DeviceSnapshot("PJSIP/carol", DeviceState.BUSY, List.of(
                new EntrySnapshot(HERE, DeviceState.NOT_INUSE, true, NOW.minusMillis(1500)),
                new EntrySnapshot(THERE, DeviceState.BUSY, true, NOW.minusMillis(12))))), HERE, NOW);

        assertThat(table).contains("""
                ---
                --- Name: 'PJSIP/carol'  State: 'BUSY'
                ---     00:00:5e:00:53:0a  NOT_INUSE   1500 ms ago  (this site)
                ---     00:00:5e:00:53:0c  BUSY        12 ms ago
                ---
                """).startsWith("\n---------").endsWith("-----\n");
    }

    @Test
    void mwiListShowsTheCountsAndWhoReportedThem() {
        String table = ConsoleTables.mwiList(List.of(new MailboxSnapshot("1000@demo", new MwiCounts(1, 0),
                List.of(new MwiEntry(THERE, new MwiCounts(1, 0), NOW.minusMillis(3))))), HERE, NOW);

        assertThat(table).isEqualTo("""
                Mailbox                          New   Old  Reported by
                1000@demo                          1     0
                                                   1     0  00:00:5e:00:53:0c 3 ms ago
                """);
    }
}
