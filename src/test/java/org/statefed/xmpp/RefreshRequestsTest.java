package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RefreshRequestsTest {
    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicInteger sent = new AtomicInteger();
    private final RefreshRequests requests = new RefreshRequests(WINDOW, scheduler, sent::incrementAndGet);

    @Test
    void theFirstRequestGoesOutAtOnceAndAllAskedWithinTheWindowGoOutAsOneWhenItEnds() {
        requests.request();
        assertThat(sent).as("no wait for the first").hasValue(1);
        for (int i = 0; i < 29; i++) {
            requests.request();
        }
        assertThat(sent).hasValue(1);

        scheduler.advance(WINDOW);
        assertThat(sent).as("one for the 29 late subscriptions").hasValue(2);
        scheduler.advance(WINDOW.multipliedBy(5));
        assertThat(sent).as("nothing more was asked").hasValue(2);
    }

    @Test
    void aRequestAfterAQuietWindowGoesOutAtOnce() {
        requests.request();
        scheduler.advance(WINDOW);
        requests.request();
        assertThat(sent).hasValue(2);
    }

    @Test
    void requestsThatKeepComingAreSentOncePerWindow() {
        for (int w = 0; w < 4; w++) {
            requests.request();
            requests.request();
            scheduler.advance(WINDOW);
        }
        assertThat(sent).hasValue(5);
    }
}
