package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** Heartbeats driven by hand: who is pinged, and when a buddy or the server counts as silent or back. */
class HeartbeatsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final int MISSES = 3;
    private static final Jid SERVER = JidCreate.domainBareFromOrThrowUnchecked("example.com");
    private static final EntityBareJid SITE2 = JidCreate.entityBareFromOrThrowUnchecked("site2@example.com");
    private static final FullJid SITE2_A = JidCreate.fullFromOrThrowUnchecked("site2@example.com/a");
    private static final FullJid SITE2_B = JidCreate.fullFromOrThrowUnchecked("site2@example.com/b");
    private static final EntityBareJid PBX = JidCreate.entityBareFromOrThrowUnchecked("pbx@example.com");
    private static final FullJid PBX_R = JidCreate.fullFromOrThrowUnchecked("pbx@example.com/astvoip1");

    private static final FullJid SITE4 = JidCreate.fullFromOrThrowUnchecked("site4@example.com/statefed");
    /** Resources whose presence said they are statefed. */
    private static final Set<Jid> STATEFED = Set.of(SITE4);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final Map<Jid, Consumer<Heartbeats.Outcome>> outstanding = new HashMap<>();
    private final List<Jid> pinged = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final Map<EntityBareJid, Set<FullJid>> online = new HashMap<>();
    private final Heartbeats heartbeats = new Heartbeats(INTERVAL, MISSES, (target, timeout, done) -> {
        pinged.add(target);
        outstanding.put(target, done);
    }, scheduler, Runnable::run, () -> Map.copyOf(online), STATEFED::contains, new Heartbeats.Listener() {
        @Override
        public void buddySilent(EntityBareJid buddy) {
            events.add("silent " + buddy);
        }

        @Override
        public void buddyAnswering(EntityBareJid buddy) {
            events.add("back " + buddy);
        }

        @Override
        public void serverSilent() {
            events.add("server silent");
        }
    });

    /** Changes whenever a stanza arrives on our connection (Smack's last-stanza-received time). */
    private final java.util.concurrent.atomic.AtomicLong inbound = new java.util.concurrent.atomic.AtomicLong();

    private Heartbeats.Listener recordingListener() {
        return new Heartbeats.Listener() {
            @Override
            public void buddySilent(EntityBareJid buddy) {
                events.add("silent " + buddy);
            }

            @Override
            public void buddyAnswering(EntityBareJid buddy) {
                events.add("back " + buddy);
            }

            @Override
            public void serverSilent() {
                events.add("server silent");
            }
        };
    }

    @BeforeEach
    void oneBuddyOnline() {
        online.put(SITE2, Set.of(SITE2_A));
        heartbeats.start(SERVER);
    }

    /** One interval passes; each listed target answers its ping, every other outstanding one is missed. */
    private void round(Jid... answering) {
        scheduler.advance(INTERVAL);
        Set<Jid> answers = Set.of(answering);
        for (Jid target : List.copyOf(outstanding.keySet())) {
            outstanding.remove(target).accept(answers.contains(target) ? Heartbeats.Outcome.ANSWERED
                    : Heartbeats.Outcome.MISSED);
        }
    }

    @Test
    void everyIntervalTheServerAndEachOnlineResourceArePingedOnce() {
        online.put(PBX, Set.of(PBX_R));
        round(SERVER, SITE2_A, PBX_R);
        round(SERVER, SITE2_A, PBX_R);
        assertThat(pinged).containsExactlyInAnyOrder(SERVER, SITE2_A, PBX_R, SERVER, SITE2_A, PBX_R);
    }

    @Test
    void buddyThatMissesThreePingsWhileTheServerAnswersIsSilentThenBackAtItsFirstAnswer() {
        round(SERVER, SITE2_A);
        round(SERVER);
        round(SERVER);
        assertThat(events).isEmpty();
        round(SERVER);
        assertThat(events).containsExactly("silent " + SITE2);
        assertThat(heartbeats.silentBuddies()).containsExactly(SITE2);
        round(SERVER);
        assertThat(events).containsExactly("silent " + SITE2);
        round(SERVER, SITE2_A);
        assertThat(events).containsExactly("silent " + SITE2, "back " + SITE2);
        assertThat(heartbeats.silentBuddies()).isEmpty();
    }

    @Test
    void aServerThatMissesPingsWhileItsStanzasKeepArrivingIsLateNotSilentAndJudgesNoBuddySilent() {
        Heartbeats busy = new Heartbeats(INTERVAL, MISSES, (target, timeout, done) -> {
            pinged.add(target);
            outstanding.put(target, done);
        }, scheduler, Runnable::run, () -> Map.copyOf(online), STATEFED::contains, recordingListener(),
                inbound::get);
        heartbeats.stop();
        busy.start(SERVER);
        scheduler.advance(INTERVAL);
        answer(SERVER, SITE2_A);
        for (int i = 0; i < MISSES + 2; i++) {
            scheduler.advance(INTERVAL);
            inbound.incrementAndGet(); // events keep streaming in while the pings wait in the server's queue
            answer();
        }
        assertThat(events).as("a storm is not a dead link, nor a dead buddy").isEmpty();

        // Once nothing arrives any more, the misses count again.
        for (int i = 0; i < MISSES; i++) {
            scheduler.advance(INTERVAL);
            answer();
        }
        assertThat(events).containsExactly("server silent");
    }

    @Test
    void aBuddyThatMissesPingsWhileItsOwnStanzasKeepArrivingIsLateNotSilentUntilTheyStop() {
        BuddyTraffic traffic = new BuddyTraffic(List.of(SITE2));
        Heartbeats busy = new Heartbeats(INTERVAL, MISSES, (target, timeout, done) -> {
            pinged.add(target);
            outstanding.put(target, done);
        }, scheduler, Runnable::run, () -> Map.copyOf(online), STATEFED::contains, recordingListener(),
                inbound::get, traffic::mark);
        heartbeats.stop();
        busy.start(SERVER);
        scheduler.advance(INTERVAL);
        answer(SERVER, SITE2_A);
        for (int i = 0; i < MISSES + 2; i++) {
            scheduler.advance(INTERVAL);
            // Its items (published before our ping) still stream in; its answer waits behind them on the server.
            traffic.heard(SITE2);
            answer(SERVER);
        }
        assertThat(events).as("a buddy whose items keep arriving is busy, not hung").isEmpty();

        // A hung buddy sends nothing: once its stanzas stop, its misses count again.
        for (int i = 0; i < MISSES; i++) {
            scheduler.advance(INTERVAL);
            answer(SERVER);
        }
        assertThat(events).containsExactly("silent " + SITE2);
    }

    @Test
    void pingsKeepGoingOutEveryIntervalWhileTheListenersExecutorIsBacklogged() {
        // The listener's executor (the merge queue) runs nothing for now: a storm keeps it 15 s behind.
        java.util.Queue<Runnable> backlogged = new java.util.ArrayDeque<>();
        Heartbeats busy = new Heartbeats(INTERVAL, MISSES, (target, timeout, done) -> {
            pinged.add(target);
            outstanding.put(target, done);
        }, scheduler, backlogged::add, () -> Map.copyOf(online), STATEFED::contains, recordingListener());
        heartbeats.stop();
        pinged.clear();
        busy.start(SERVER);
        scheduler.advance(INTERVAL);
        answer(SERVER, SITE2_A);
        for (int i = 0; i < MISSES; i++) {
            scheduler.advance(INTERVAL);
            answer(SERVER);
        }
        // Our pings are our buddies' proof that we live: they must not wait for the merge queue.
        assertThat(pinged.stream().filter(SITE2_A::equals).count()).isEqualTo(MISSES + 1L);
        assertThat(events).as("decisions wait for the listener's executor").isEmpty();

        backlogged.forEach(Runnable::run);
        assertThat(events).containsExactly("silent " + SITE2);
    }

    @Test
    void anotherBuddysTrafficIsNoProofOfLife() {
        BuddyTraffic traffic = new BuddyTraffic(List.of(SITE2, PBX));
        Heartbeats busy = new Heartbeats(INTERVAL, MISSES, (target, timeout, done) -> {
            pinged.add(target);
            outstanding.put(target, done);
        }, scheduler, Runnable::run, () -> Map.copyOf(online), STATEFED::contains, recordingListener(),
                inbound::get, traffic::mark);
        heartbeats.stop();
        busy.start(SERVER);
        scheduler.advance(INTERVAL);
        answer(SERVER, SITE2_A);
        for (int i = 0; i < MISSES; i++) {
            scheduler.advance(INTERVAL);
            traffic.heard(PBX);
            traffic.heard(JidCreate.entityBareFromOrThrowUnchecked("stranger@example.com"));
            answer(SERVER);
        }
        assertThat(events).containsExactly("silent " + SITE2);
    }

    /** Each listed target answers its outstanding ping, every other outstanding one is missed. */
    private void answer(Jid... answering) {
        Set<Jid> answers = Set.of(answering);
        for (Jid target : List.copyOf(outstanding.keySet())) {
            outstanding.remove(target).accept(answers.contains(target) ? Heartbeats.Outcome.ANSWERED
                    : Heartbeats.Outcome.MISSED);
        }
    }

    @Test
    void whenTheServerIsSilentTooTheSilenceIsOurLinksNotTheBuddys() {
        round(SERVER, SITE2_A);
        round();
        round();
        round();
        assertThat(events).containsExactly("server silent");
    }

    @Test
    void serverSilenceIsReportedOnceUntilItAnswersAgain() {
        round(SERVER);
        round();
        round();
        round();
        round();
        assertThat(events).containsExactly("server silent");
        round(SERVER);
        round();
        round();
        round();
        assertThat(events).containsExactly("server silent", "server silent");
    }

    @Test
    void aPeerThatNeverAnsweredAPingIsNeverJudgedByPings() {
        // Asterisk's res_xmpp does not answer pings: its presence alone says whether it is there.
        online.put(PBX, Set.of(PBX_R));
        for (int i = 0; i < 10; i++) {
            round(SERVER, SITE2_A);
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aStatefedResourceIsJudgedEvenBeforeItsFirstAnswer() {
        // A site that hangs right after it came online: statefed always answers pings, so silence counts.
        EntityBareJid site4 = SITE4.asEntityBareJidIfPossible();
        online.put(site4, Set.of(SITE4));
        round(SERVER, SITE2_A);
        round(SERVER, SITE2_A);
        round(SERVER, SITE2_A);
        assertThat(events).containsExactly("silent " + site4);
    }

    @Test
    void aBuddyWithOneAnsweringResourceIsNotSilent() {
        online.put(SITE2, Set.of(SITE2_A, SITE2_B));
        round(SERVER, SITE2_A, SITE2_B);
        for (int i = 0; i < 5; i++) {
            round(SERVER, SITE2_B);
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aStopDiscardsLateOutcomesAndAStartBeginsAfresh() {
        round(SERVER, SITE2_A);
        round(SERVER);
        round(SERVER);
        scheduler.advance(INTERVAL);
        heartbeats.stop();
        outstanding.values().forEach(done -> done.accept(Heartbeats.Outcome.MISSED));
        outstanding.clear();
        assertThat(events).isEmpty();
        heartbeats.start(SERVER);
        round(SERVER);
        round(SERVER);
        round(SERVER);
        // After a restart the resource has not answered yet: it is not judged.
        assertThat(events).isEmpty();
    }

    @Test
    void pingsNotSentBecauseOurLinkIsDownSayNothing() {
        round(SERVER, SITE2_A);
        for (int i = 0; i < 5; i++) {
            scheduler.advance(INTERVAL);
            for (Jid target : List.copyOf(outstanding.keySet())) {
                outstanding.remove(target).accept(Heartbeats.Outcome.NOT_SENT);
            }
        }
        assertThat(events).isEmpty();
    }

    @Test
    void zeroIntervalTurnsHeartbeatsOff() {
        Heartbeats off = new Heartbeats(Duration.ZERO, MISSES, (t, d, c) -> pinged.add(t), scheduler, Runnable::run,
                () -> Map.copyOf(online), STATEFED::contains, new Heartbeats.Listener() {
                    @Override
                    public void buddySilent(EntityBareJid buddy) {
                    }

                    @Override
                    public void buddyAnswering(EntityBareJid buddy) {
                    }

                    @Override
                    public void serverSilent() {
                    }
                });
        heartbeats.stop();
        off.start(SERVER);
        scheduler.advance(INTERVAL.multipliedBy(10));
        assertThat(pinged).isEmpty();
    }
}
