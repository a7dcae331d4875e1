package org.statefed.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests, on java.net.http: a thread reads the stream's lines and parses them
 * into events (id, name, data) that the test awaits with a deadline.
 */
public final class EventStreamClient implements AutoCloseable {

    /** One event as the stream sent it. */
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Stream<String> lines;
    private final Thread reader;
    private final int status;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.lines = response.body();
        this.reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens {@code uri} (the {@code /api/events} address), sending Last-Event-ID and a bearer token if given.
     */
    public static EventStreamClient open(HttpClient http, URI uri, Optional<String> lastEventId,
            Optional<String> token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return new EventStreamClient(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    public int status() {
        return status;
    }

    private void read() {
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (var it = lines.iterator(); it.hasNext();) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (UncheckedIOException e) {
            // the stream was closed: by the test, or by the server
        }
    }

    /** The next event, or empty after {@code timeout}. */
    public Optional<Event> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The first event (skipping others) that {@code wanted} accepts, or empty after {@code timeout}. */
    public Optional<Event> await(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event != null && wanted.test(event)) {
                return Optional.of(event);
            }
        }
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
