package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.wire.DeviceStateElement;

class CoalescingPublisherTest {
    private static final EntityId EID = EntityId.parse("00:11:22:33:44:01");

    private final ScheduledThreadPoolExecutor serial = Executors.singleThread("test-publisher");
    private final Counters counters = new Counters();
    private final RecordingSender sender = new RecordingSender();
    private final List<Throwable> failures = new ArrayList<>();

    @AfterEach
    void stop() {
        serial.shutdownNow();
    }

    /** Records every publish and lets the test answer it. */
    private static final class RecordingSender implements ItemSender {
        final List<PublishKey> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<ExtensionElement> payloads = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<Void> publish(PublishKey key, ExtensionElement payload) {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            keys.add(key);
            payloads.add(payload);
            answers.add(answer);
            return answer;
        }
    }

    private CoalescingPublisher publisher(int window) {
        return new CoalescingPublisher(sender, serial, serial, window, (k, e) -> failures.add(e), counters);
    }

    private static DeviceStateElement state(DeviceState s) {
        return new DeviceStateElement(s, EID, true);
    }

    private static PublishKey key(String device) {
        return new PublishKey("device_state", device);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private void drain() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        serial.execute(done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sendsNothingUntilOnline() throws InterruptedException {
        CoalescingPublisher p = publisher(4);
        p.submit(key("SIP/1"), state(DeviceState.INUSE));
        drain();
        assertThat(sender.keys).isEmpty();
        p.online();
        await(() -> sender.keys.size() == 1);
    }

    @Test
    void newerChangesReplaceTheQueuedOneWhileAPublishIsInFlight() throws InterruptedException {
        CoalescingPublisher p = publisher(4);
        p.online();
        p.submit(key("SIP/1"), state(DeviceState.RINGING));
        await(() -> sender.keys.size() == 1);
        p.submit(key("SIP/1"), state(DeviceState.INUSE));
        p.submit(key("SIP/1"), state(DeviceState.ONHOLD));
        p.submit(key("SIP/1"), state(DeviceState.NOT_INUSE));
        drain();
        assertThat(sender.keys).hasSize(1);
        sender.answers.get(0).complete(null);
        await(() -> sender.keys.size() == 2);
        assertThat(((DeviceStateElement) sender.payloads.get(1)).state()).isEqualTo(DeviceState.NOT_INUSE);
        sender.answers.get(1).complete(null);
        drain();
        assertThat(sender.keys).hasSize(2);
        assertThat(counters.get(Counters.Counter.PUBLISH_COALESCED)).isEqualTo(2);
    }

    @Test
    void keepsAtMostWindowPublishesInFlight() throws InterruptedException {
        CoalescingPublisher p = publisher(3);
        p.online();
        for (int i = 0; i < 10; i++) {
            p.submit(key("SIP/" + i), state(DeviceState.INUSE));
        }
        drain();
        assertThat(sender.keys).hasSize(3);
        sender.answers.get(0).complete(null);
        await(() -> sender.keys.size() == 4);
        drain();
        assertThat(sender.keys).hasSize(4);
    }

    @Test
    void failedPublishIsRetriedAndReported() throws InterruptedException {
        CoalescingPublisher p = publisher(2);
        p.online();
        p.submit(key("SIP/1"), state(DeviceState.BUSY));
        await(() -> sender.keys.size() == 1);
        sender.answers.get(0).completeExceptionally(new IllegalStateException("server said no"));
        await(() -> sender.keys.size() == 2);
        assertThat(sender.keys.get(1)).isEqualTo(key("SIP/1"));
        assertThat(((DeviceStateElement) sender.payloads.get(1)).state()).isEqualTo(DeviceState.BUSY);
        assertThat(failures).hasSize(1);
        assertThat(counters.get(Counters.Counter.PUBLISH_RETRIED)).isEqualTo(1);
    }

    @Test
    void failedPublishIsNotRetriedWhenANewerValueReplacedIt() throws InterruptedException {
        CoalescingPublisher p = publisher(2);
        p.online();
        p.submit(key("SIP/1"), state(DeviceState.BUSY));
        await(() -> sender.keys.size() == 1);
        p.submit(key("SIP/1"), state(DeviceState.NOT_INUSE));
        sender.answers.get(0).completeExceptionally(new IllegalStateException("lost"));
        await(() -> sender.keys.size() == 2);
        assertThat(((DeviceStateElement) sender.payloads.get(1)).state()).isEqualTo(DeviceState.NOT_INUSE);
        sender.answers.get(1).complete(null);
        drain();
        CountDownLatch idle = new CountDownLatch(1);
        p.whenIdle(idle::countDown);
        assertThat(idle.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sender.keys).hasSize(2);
    }

    @Test
    void offlineKeepsQueuedValuesForLater() throws InterruptedException {
        CoalescingPublisher p = publisher(2);
        p.offline();
        p.submit(key("SIP/1"), state(DeviceState.INUSE));
        p.submit(key("SIP/2"), state(DeviceState.BUSY));
        p.submit(key("SIP/1"), state(DeviceState.NOT_INUSE));
        drain();
        assertThat(sender.keys).isEmpty();
        p.online();
        await(() -> sender.keys.size() == 2);
        assertThat(sender.keys).containsExactly(key("SIP/1"), key("SIP/2"));
        assertThat(((DeviceStateElement) sender.payloads.get(0)).state()).isEqualTo(DeviceState.NOT_INUSE);
    }
}
