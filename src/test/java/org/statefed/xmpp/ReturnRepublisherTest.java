package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

class ReturnRepublisherTest {
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final EntityBareJid PBX = JidCreate.entityBareFromOrThrowUnchecked("pbx@example.com");
    private static final EntityBareJid SITE2 = JidCreate.entityBareFromOrThrowUnchecked("site2@example.com");

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger republishes = new AtomicInteger();
    private final Counters counters = new Counters();
    private final ReturnRepublisher republisher = new ReturnRepublisher("test", WINDOW, scheduler,
            republishes::incrementAndGet, counters);

    @Test
    void aReturningBuddyGetsOneRepublishAfterTheWindow() {
        republisher.buddyReturned(PBX);
        scheduler.advance(WINDOW.minusMillis(1));
        assertThat(republishes).hasValue(0);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(republishes).hasValue(1);
        assertThat(counters.get(Counters.Counter.RETURN_REPUBLISHES)).isEqualTo(1);
    }

    @Test
    void aBuddyFlappingTwentyTimesWithinTheWindowCostsOneRepublish() {
        for (int i = 0; i < 20; i++) {
            republisher.buddyReturned(i % 2 == 0 ? PBX : SITE2);
            scheduler.advance(WINDOW.dividedBy(25));
        }
        scheduler.advance(WINDOW);
        assertThat(republishes).hasValue(1);
    }

    @Test
    void flappingForTenWindowsCostsAtMostOneRepublishPerWindow() {
        // A flap every 100 ms for 10 s: 100 returns.
        for (int i = 0; i < 100; i++) {
            republisher.buddyReturned(PBX);
            scheduler.advance(Duration.ofMillis(100));
        }
        scheduler.advance(WINDOW);
        assertThat(republishes.get()).isBetween(1, 10);
    }

    @Test
    void returnsAfterARepublishGetAnotherOne() {
        republisher.buddyReturned(PBX);
        scheduler.advance(WINDOW);
        republisher.buddyReturned(PBX);
        scheduler.advance(WINDOW);
        assertThat(republishes).hasValue(2);
    }
}
