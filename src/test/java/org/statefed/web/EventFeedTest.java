package org.statefed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;

/** The feed's table listeners run under the tables' locks: they must only mark and hand off, never wait. */
class EventFeedTest {
    /** Bounds a hang only: 1 000 table updates take milliseconds. */
    private static final Duration HANG = Duration.ofSeconds(10);

    @Test
    void tableUpdatesGoOnWhileTheFeedThreadIsStuck() throws Exception {
        CountDownLatch feedEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TableWebNode node = new TableWebNode(Clock.systemUTC()) {
            @Override
            public List<PeerStatus> peers() {
                // The feed thread reads the peers when it shapes events: hold it there.
                if (Thread.currentThread().getName().equals("statefed-http-events")) {
                    feedEntered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.peers();
            }
        };
        EventFeed feed = new EventFeed(node, 100, 1 << 20, Duration.ofHours(1), Duration.ofHours(1));
        feed.start();
        try {
            // The feed compares the sites' liveness as it starts: that holds its thread.
            assertThat(feedEntered.await(HANG.toMillis(), TimeUnit.MILLISECONDS)).as("the feed thread ran").isTrue();

            assertTimeoutPreemptively(HANG, () -> {
                for (int i = 0; i < 1_000; i++) {
                    node.changeDeviceState("Custom:" + (i % 10), i % 2 == 0 ? DeviceState.RINGING : DeviceState.BUSY);
                }
            }, "table updates waited for the stuck feed thread");
        } finally {
            release.countDown();
            feed.close();
        }
    }
}
