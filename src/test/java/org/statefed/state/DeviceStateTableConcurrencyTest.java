package org.statefed.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceStateTableConcurrencyTest {
    private static final int THREADS = 8;
    private static final int DEVICES = 40;
    private static final int OPERATIONS = 20_000;
    private static final long TIMEOUT_SECONDS = 60;

    private final DeviceStateTable table = new DeviceStateTable(new MutableClock(Instant.EPOCH));
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    /** Tells whether the aggregate calls for each device form one unbroken chain of real changes. */
    private static final class ChainCheckingListener implements DeviceStateListener {
        final Map<String, DeviceState> lastTold = new ConcurrentHashMap<>();
        final AtomicInteger brokenLinks = new AtomicInteger();

        @Override
        public void aggregateChanged(String device, DeviceState previous, DeviceState current) {
            if (previous == current || lastTold.getOrDefault(device, DeviceState.UNKNOWN) != previous) {
                brokenLinks.incrementAndGet();
            }
            lastTold.put(device, current);
        }
    }

    @Test
    void manyThreadsOnManyDevicesEndWhereASequentialRecomputationDoes() throws Exception {
        ChainCheckingListener chain = new ChainCheckingListener();
        table.addListener(chain);
        HintTable hints = new HintTable(table);
        for (int d = 0; d < DEVICES; d++) {
            hints.put(new Hint(String.valueOf(d), "default", List.of(device(d), device((d + 1) % DEVICES))));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, DeviceState>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            EntityId own = new EntityId(t + 1);
            long seed = 1000L + t;
            // Each thread writes only its own site's entries, so its own last operations are the
            // expected final entries for that site whatever the interleaving.
            results.add(executor.submit(() -> {
                start.await();
                return hammer(own, new Random(seed));
            }));
        }
        start.countDown();

        Map<String, List<DeviceState>> expected = new HashMap<>();
        for (Future<Map<String, DeviceState>> result : results) {
            result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((device, state) -> expected.computeIfAbsent(device, k -> new ArrayList<>()).add(state));
        }

        for (int d = 0; d < DEVICES; d++) {
            String device = device(d);
            List<DeviceState> states = expected.getOrDefault(device, List.of());
            DeviceState aggregate = states.isEmpty() ? DeviceState.UNKNOWN : DeviceState.aggregate(states);
            assertThat(table.aggregate(device)).as(device).isEqualTo(aggregate);
            assertThat(chain.lastTold.getOrDefault(device, DeviceState.UNKNOWN)).as(device).isEqualTo(aggregate);
            assertThat(table.snapshot(device).map(s -> s.entries().size()).orElse(0)).as(device)
                    .isEqualTo(states.size());
        }
        for (int d = 0; d < DEVICES; d++) {
            DeviceState both = DeviceState.aggregate(
                    List.of(table.aggregate(device(d)), table.aggregate(device((d + 1) % DEVICES))));
            assertThat(hints.state(d + "@default")).contains(ExtensionState.fromDeviceState(both));
        }
        assertThat(table.deviceCount()).isEqualTo(expected.size());
        assertThat(chain.brokenLinks).hasValue(0);
        assertThat(table.listenerFailures()).isZero();
    }

    private Map<String, DeviceState> hammer(EntityId own, Random random) {
        DeviceState[] states = DeviceState.values();
        Map<String, DeviceState> mine = new HashMap<>();
        for (int i = 0; i < OPERATIONS; i++) {
            String device = device(random.nextInt(DEVICES));
            int op = random.nextInt(1000);
            if (op < 700) {
                DeviceState state = states[random.nextInt(states.length)];
                table.update(device, own, state, random.nextBoolean());
                mine.put(device, state);
            } else if (op < 998) {
                assertThat(table.remove(device, own)).isEqualTo(mine.remove(device) != null);
            } else {
                assertThat(table.removeEntity(own)).isEqualTo(mine.size());
                mine.clear();
            }
        }
        return mine;
    }

    @Test
    void removingADevicesLastEntryNeitherLosesNorOvertakesAConcurrentAdd() throws Exception {
        int rounds = 500;
        EntityId leaving = new EntityId(1);
        EntityId arriving = new EntityId(2);
        AtomicReference<Thread> adderThread = new AtomicReference<>();
        Semaphore emptying = new Semaphore(0);
        ChainCheckingListener chain = new ChainCheckingListener();
        // Registered before the chain check, so it runs first, inside the device's lock, while the device is
        // being emptied. It lets the adder go and holds the remover there until the adder is blocked on that
        // lock (the interleaving that would lose the add) or has already been told about its own change
        // (which only a table that drops the device before telling its listeners allows). So every round
        // runs the dangerous interleaving, on any machine; the test asserts only what the table ends with.
        table.addListener(new DeviceStateListener() {
            @Override
            public void aggregateChanged(String device, DeviceState previous, DeviceState current) {
                if (current != DeviceState.UNKNOWN) {
                    return;
                }
                emptying.release();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
                while (System.nanoTime() < deadline) {
                    Thread adder = adderThread.get();
                    if (adder != null && adder.getState() == Thread.State.BLOCKED
                            || chain.lastTold.get(device) == DeviceState.BUSY) {
                        return;
                    }
                    Thread.yield();
                }
            }
        });
        table.addListener(chain);
        for (int r = 0; r < rounds; r++) {
            table.update(device(r), leaving, DeviceState.INUSE, true);
        }
        Future<?> adder = executor.submit(() -> {
            adderThread.set(Thread.currentThread());
            for (int r = 0; r < rounds; r++) {
                assertThat(emptying.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("round " + r).isTrue();
                table.update(device(r), arriving, DeviceState.BUSY, true);
            }
            return null;
        });
        Future<?> remover = executor.submit(() -> {
            for (int r = 0; r < rounds; r++) {
                table.remove(device(r), leaving);
            }
            return null;
        });
        remover.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        adder.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        for (int r = 0; r < rounds; r++) {
            assertThat(table.state(device(r), arriving)).as(device(r)).contains(DeviceState.BUSY);
            assertThat(table.aggregate(device(r))).as(device(r)).isEqualTo(DeviceState.BUSY);
        }
        assertThat(table.deviceCount()).isEqualTo(rounds);
        assertThat(table.entities()).containsExactly(arriving);
        assertThat(chain.brokenLinks).as("aggregate calls out of order").hasValue(0);
    }

    private static String device(int n) {
        return "SIP/" + n;
    }
}
