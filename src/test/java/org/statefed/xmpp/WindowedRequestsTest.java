package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Roster additions at a first start go out a window at a time, not one round trip each in series. */
class WindowedRequestsTest {
    private static final int WINDOW = 32;
    /** The reply timeout the requests are given; generous, the answers here come at once. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final java.util.concurrent.ExecutorService caller = Executors.newSingleThreadExecutor();
    private final BlockingQueue<CompletableFuture<Object>> unanswered = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @AfterEach
    void stop() {
        caller.shutdownNow();
    }

    private CompletionStage<?> request(int key) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        unanswered.add(answer);
        return answer;
    }

    @Test
    void aWindowOfRequestsIsInFlightBeforeTheFirstAnswerAndNeverMore() throws Exception {
        List<Integer> keys = IntStream.range(0, 1000).boxed().toList();
        Future<WindowedRequests.Outcome<Integer>> outcome = caller.submit(
                () -> new WindowedRequests(WINDOW).sendAll(keys, this::request, REPLY_TIMEOUT));

        // Serial requests would leave one in flight here and never a second before it is answered.
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (unanswered.size() < WINDOW && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(unanswered).hasSize(WINDOW);
        while (!outcome.isDone() && System.nanoTime() < deadline) {
            CompletableFuture<Object> next = unanswered.poll(10, TimeUnit.MILLISECONDS);
            if (next != null) {
                // Out of flight before the answer frees its slot, so the count never overstates.
                inFlight.decrementAndGet();
                next.complete("result");
            }
        }

        assertThat(outcome.get().answered()).containsExactlyElementsOf(keys);
        assertThat(outcome.get().failed()).isEmpty();
        assertThat(mostInFlight.get()).isEqualTo(WINDOW);
    }

    @Test
    void failedRequestsAreReportedAndTheOthersAnsweredInOrder() throws Exception {
        WindowedRequests.Outcome<Integer> outcome = new WindowedRequests(WINDOW).sendAll(List.of(1, 2, 3, 4),
                key -> key % 2 == 0 ? CompletableFuture.failedFuture(new IllegalStateException("item " + key))
                        : CompletableFuture.completedFuture("ok"), REPLY_TIMEOUT);

        assertThat(outcome.answered()).containsExactly(1, 3);
        assertThat(outcome.failed()).containsOnlyKeys(2, 4);
    }

    @Test
    void requestsLeftUnansweredForTheReplyTimeoutEndTheWait() {
        Duration shortReplyTimeout = Duration.ofMillis(200);
        assertThatThrownBy(() -> new WindowedRequests(2).sendAll(List.of(1, 2, 3), key -> new CompletableFuture<>(),
                shortReplyTimeout)).isInstanceOf(TimeoutException.class).hasMessageContaining("unanswered");
    }
}
