package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MwiTableTest {
    private static final EntityId A = EntityId.parse("00:00:00:00:00:0a");
    private static final EntityId B = EntityId.parse("00:00:00:00:00:0b");
    private static final EntityId C = EntityId.parse("00:00:00:00:00:0c");
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final String BOX = "100@default";

    private final MutableClock clock = new MutableClock(START);
    private final MwiTable table = new MwiTable(clock);
    private final List<String> told = new CopyOnWriteArrayList<>();

    MwiTableTest() {
        table.addListener(new MwiListener() {
            @Override
            public void mailboxChanged(String mailbox, Optional<MwiCounts> effective) {
                told.add("effective " + mailbox + " " + effective.map(MwiTableTest::text).orElse("none"));
            }

            @Override
            public void entryChanged(String mailbox, EntityId eid, MwiCounts counts) {
                told.add("entry " + mailbox + " " + site(eid) + " " + text(counts));
            }

            @Override
            public void entryRemoved(String mailbox, EntityId eid) {
                told.add("removed " + mailbox + " " + site(eid));
            }
        });
    }

    @Test
    void mwiEffectiveIsMostRecentUpdate() {
        table.update(BOX, A, counts("1/0"));
        clock.advance(Duration.ofSeconds(1));
        table.update(BOX, B, counts("2/5"));
        assertThat(table.effective(BOX)).contains(counts("2/5"));

        clock.advance(Duration.ofSeconds(1));
        assertThat(table.update(BOX, A, counts("1/0"))).as("a repeat is still the latest word").isTrue();
        assertThat(table.effective(BOX)).contains(counts("1/0"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "A=1/0                 | 1/0 | true",
        "A=1/0 B=2/0           | 2/0 | true",
        "A=1/0 B=2/0 A=1/0     | 1/0 | true",
        "A=1/0 B=2/0 B=3/1     | 3/1 | true",
        "A=5/5 A=0/0           | 0/0 | true",
        "A=1/0 A=1/0           | 1/0 | false",
        "A=1/0 B=1/0           | 1/0 | false",
        "A=1/0 B=2/0 C=2/0     | 2/0 | false",
    })
    void effectiveIsTheLastUpdateReceived(String updates, String effective, boolean lastChanged) {
        boolean changed = false;
        for (String update : updates.trim().split("\\s+")) {
            String[] siteAndCounts = update.split("=");
            changed = table.update(BOX, eid(siteAndCounts[0]), counts(siteAndCounts[1]));
        }

        assertThat(table.effective(BOX)).contains(counts(effective));
        assertThat(changed).as("last update changed the effective value").isEqualTo(lastChanged);
    }

    @Test
    void updatesWithinOneClockTickAreOrderedAsReceived() {
        table.update(BOX, B, counts("9/9"));
        table.update(BOX, A, counts("1/1"));
        table.update(BOX, C, counts("3/3"));
        table.update(BOX, A, counts("2/2"));

        assertThat(table.effective(BOX)).contains(counts("2/2"));
        table.removeEntity(A);
        assertThat(table.effective(BOX)).contains(counts("3/3"));
    }

    @Test
    void removeEntityFallsBackToTheMostRecentRemainingSite() {
        table.update(BOX, A, counts("1/0"));
        table.update(BOX, C, counts("3/0"));
        table.update(BOX, B, counts("2/0"));
        told.clear();

        assertThat(table.removeEntity(C)).as("not the effective one").isEqualTo(1);
        assertThat(table.effective(BOX)).contains(counts("2/0"));
        assertThat(table.removeEntity(B)).isEqualTo(1);
        assertThat(table.effective(BOX)).contains(counts("1/0"));
        assertThat(table.removeEntity(A)).isEqualTo(1);
        assertThat(table.effective(BOX)).isEmpty();
        assertThat(table.mailboxCount()).isZero();
        assertThat(table.removeEntity(A)).isZero();

        assertThat(told).containsExactly(
                "removed 100@default C",
                "removed 100@default B",
                "effective 100@default 1/0",
                "removed 100@default A",
                "effective 100@default none");
    }

    @Test
    void removeOneSitesMailbox() {
        table.update(BOX, A, counts("1/0"));
        table.update(BOX, B, counts("2/0"));

        assertThat(table.remove(BOX, B)).isTrue();
        assertThat(table.remove(BOX, B)).isFalse();
        assertThat(table.remove("200@default", A)).isFalse();
        assertThat(table.effective(BOX)).contains(counts("1/0"));
    }

    @Test
    void entryHookFiresOnlyForNewOrDifferentCounts() {
        table.update(BOX, A, counts("1/0"));
        table.update(BOX, B, counts("2/0"));
        table.update(BOX, A, counts("1/0"));
        table.update(BOX, A, counts("1/1"));

        assertThat(told).containsExactly(
                "entry 100@default A 1/0",
                "effective 100@default 1/0",
                "entry 100@default B 2/0",
                "effective 100@default 2/0",
                "effective 100@default 1/0",
                "entry 100@default A 1/1",
                "effective 100@default 1/1");
    }

    @Test
    void countsOfListsOneSiteSortedByMailbox() {
        table.update("300@default", A, counts("3/0"));
        table.update("100@default", A, counts("1/0"));
        table.update("200@default", B, counts("2/0"));

        Map<String, MwiCounts> mine = table.countsOf(A);

        assertThat(mine).containsExactly(
                Map.entry("100@default", counts("1/0")), Map.entry("300@default", counts("3/0")));
        assertThatThrownBy(() -> mine.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void snapshotIsSortedByMailboxThenSite() {
        table.update("200@default", B, counts("2/0"));
        clock.advance(Duration.ofSeconds(3));
        table.update("200@default", A, counts("1/0"));
        table.update("100@default", C, counts("5/5"));

        assertThat(table.snapshot()).containsExactly(
                new MailboxSnapshot("100@default", counts("5/5"), List.of(
                        new MwiEntry(C, counts("5/5"), START.plusSeconds(3)))),
                new MailboxSnapshot("200@default", counts("1/0"), List.of(
                        new MwiEntry(A, counts("1/0"), START.plusSeconds(3)),
                        new MwiEntry(B, counts("2/0"), START))));
    }

    @Test
    void snapshotOfOneMailboxHasItsEntriesAndNothingForAnUnknownOrEmptiedOne() {
        table.update("200@default", B, counts("2/0"));
        clock.advance(Duration.ofSeconds(3));
        table.update("200@default", A, counts("1/0"));
        table.update("100@default", C, counts("5/5"));
        table.remove("100@default", C);

        assertThat(table.snapshot("200@default")).contains(new MailboxSnapshot("200@default", counts("1/0"), List.of(
                new MwiEntry(A, counts("1/0"), START.plusSeconds(3)),
                new MwiEntry(B, counts("2/0"), START))));
        assertThat(table.snapshot("100@default")).isEmpty();
        assertThat(table.snapshot("999@default")).isEmpty();
        assertThat(table.counts("200@default", A)).contains(counts("1/0"));
        assertThat(table.counts("200@default", C)).isEmpty();
        assertThat(table.counts("100@default", C)).isEmpty();
    }

    @Test
    void throwingListenerIsCountedAndDoesNotStopOthers() {
        MwiTable fresh = new MwiTable(clock);
        List<Optional<MwiCounts>> heard = new CopyOnWriteArrayList<>();
        fresh.addListener(new MwiListener() {
            @Override
            public void mailboxChanged(String mailbox, Optional<MwiCounts> effective) {
                throw new IllegalStateException("listener bug");
            }
        });
        fresh.addListener(new MwiListener() {
            @Override
            public void mailboxChanged(String mailbox, Optional<MwiCounts> effective) {
                heard.add(effective);
            }
        });

        assertThat(fresh.update(BOX, A, counts("1/0"))).isTrue();

        assertThat(heard).containsExactly(Optional.of(counts("1/0")));
        assertThat(fresh.effective(BOX)).contains(counts("1/0"));
        assertThat(fresh.listenerFailures()).isEqualTo(1);
        assertThat(fresh.lastListenerFailure()).get().extracting(Throwable::getMessage).isEqualTo("listener bug");
    }

    @Test
    void rejectsMissingArguments() {
        assertThatThrownBy(() -> table.update("", A, counts("1/0"))).hasMessageContaining("mailbox name");
        assertThatThrownBy(() -> table.update(BOX, null, counts("1/0"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> table.update(BOX, A, null)).isInstanceOf(NullPointerException.class);
        assertThat(table.mailboxCount()).isZero();
    }

    private static MwiCounts counts(String text) {
        String[] parts = text.split("/");
        return new MwiCounts(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    private static String text(MwiCounts counts) {
        return counts.newMessages() + "/" + counts.oldMessages();
    }

    private static EntityId eid(String site) {
        return switch (site) {
            case "A" -> A;
            case "B" -> B;
            case "C" -> C;
            default -> throw new IllegalArgumentException("no site " + site);
        };
    }

    private static String site(EntityId eid) {
        return eid.equals(A) ? "A" : eid.equals(B) ? "B" : "C";
    }

    @Test
    void restoredOldestFirstTheNewestIsEffectiveUntilALiveUpdate() {
        MwiTable fresh = new MwiTable(clock);
        fresh.restore("100@default", A, counts("1/0"), START.minusSeconds(20));
        fresh.restore("100@default", B, counts("2/0"), START.minusSeconds(10));

        assertThat(fresh.effective("100@default")).contains(counts("2/0"));
        assertThat(fresh.snapshot("100@default").orElseThrow().entries()).containsExactly(
                new MwiEntry(A, counts("1/0"), START.minusSeconds(20), true),
                new MwiEntry(B, counts("2/0"), START.minusSeconds(10), true));
        fresh.update("100@default", A, counts("1/0"));
        assertThat(fresh.effective("100@default")).contains(counts("1/0"));
        assertThat(fresh.snapshot("100@default").orElseThrow().entries().get(0).restored()).isFalse();
    }

}
