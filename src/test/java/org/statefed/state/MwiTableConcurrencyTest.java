package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MwiTableConcurrencyTest {
    private static final int THREADS = 8;
    private static final int MAILBOXES = 30;
    private static final int OPERATIONS = 20_000;
    private static final long TIMEOUT_SECONDS = 60;

    private final MwiTable table = new MwiTable(new MutableClock(Instant.EPOCH));
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void listenersEndAgreeingWithTheTableAndEverySiteKeepsItsLastWrite() throws Exception {
        Map<String, Optional<MwiCounts>> lastTold = new ConcurrentHashMap<>();
        AtomicInteger falseChanges = new AtomicInteger();
        table.addListener(new MwiListener() {
            @Override
            public void mailboxChanged(String mailbox, Optional<MwiCounts> effective) {
                if (lastTold.getOrDefault(mailbox, Optional.empty()).equals(effective)) {
                    falseChanges.incrementAndGet();
                }
                lastTold.put(mailbox, effective);
            }
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, MwiCounts>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            EntityId own = new EntityId(t + 1);
            long seed = 2000L + t;
            results.add(executor.submit(() -> {
                start.await();
                return hammer(own, new Random(seed));
            }));
        }
        start.countDown();

        Map<String, List<MwiCounts>> remaining = new HashMap<>();
        for (int t = 0; t < THREADS; t++) {
            Map<String, MwiCounts> mine = results.get(t).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(table.countsOf(new EntityId(t + 1))).isEqualTo(mine);
            mine.forEach((mailbox, counts) -> remaining.computeIfAbsent(mailbox, k -> new ArrayList<>()).add(counts));
        }
        for (int m = 0; m < MAILBOXES; m++) {
            String mailbox = mailbox(m);
            Optional<MwiCounts> effective = table.effective(mailbox);
            assertThat(lastTold.getOrDefault(mailbox, Optional.empty())).as(mailbox).isEqualTo(effective);
            if (remaining.containsKey(mailbox)) {
                assertThat(effective).as(mailbox).get().isIn(remaining.get(mailbox));
            } else {
                assertThat(effective).as(mailbox).isEmpty();
            }
        }
        assertThat(table.mailboxCount()).isEqualTo(remaining.size());
        assertThat(falseChanges).hasValue(0);
    }

    private Map<String, MwiCounts> hammer(EntityId own, Random random) {
        Map<String, MwiCounts> mine = new HashMap<>();
        for (int i = 0; i < OPERATIONS; i++) {
            String mailbox = mailbox(random.nextInt(MAILBOXES));
            int op = random.nextInt(1000);
            if (op < 750) {
                MwiCounts counts = new MwiCounts(random.nextInt(3), random.nextInt(3));
                table.update(mailbox, own, counts);
                mine.put(mailbox, counts);
            } else if (op < 998) {
                assertThat(table.remove(mailbox, own)).isEqualTo(mine.remove(mailbox) != null);
            } else {
                assertThat(table.removeEntity(own)).isEqualTo(mine.size());
                mine.clear();
            }
        }
        return mine;
    }

    private static String mailbox(int n) {
        return (100 + n) + "@default";
    }
}
