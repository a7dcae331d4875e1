package org.statefed.web;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.state.DeviceSnapshot;
import org.statefed.state.DeviceState;
import org.statefed.state.DeviceStateListener;
import org.statefed.state.EntityId;
import org.statefed.state.ExtensionState;
import org.statefed.state.Hint;
import org.statefed.state.HintListener;
import org.statefed.state.HintSnapshot;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiListener;

/**
 * The stream of changes behind {@code GET /api/events}: every device (aggregate and entries), hint and mailbox
 * change, and every change of a site's liveness, as Server-Sent Events with ids, after an initial snapshot.
 *
 * <p>The table listeners run under the tables' locks, so they only mark the key dirty and wake the feed
 * thread. That one thread reads each dirty key's current value, numbers the event, keeps it in a bounded replay
 * buffer and queues it to every client; it also takes the snapshot of a new client, so a snapshot and the
 * events after it are always in order. Events carry whole values, not deltas, so changes that come faster than
 * the feed runs coalesce into the latest value, and a client that applies an event twice shows the same.
 *
 * <p>Ids are {@code EPOCH-SEQUENCE}, the epoch random per start: a client reconnecting with a Last-Event-ID
 * still in the buffer gets exactly the events it missed; one from another run, or too far behind, gets a fresh
 * snapshot.
 */
final class EventFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Tells browsers to reconnect after a second, not the default three. */
    private static final byte[] RETRY = "retry: 1000\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PING = ":\n\n".getBytes(StandardCharsets.UTF_8);

    /** One numbered event, kept for replay. */
    private record Event(long sequence, byte[] frame) {
    }

    private final WebNode node;
    private final int replayCapacity;
    private final long maxQueuedBytes;
    private final Duration sitesInterval;
    private final Duration pingInterval;
    private final String epoch;
    private final ScheduledThreadPoolExecutor thread;
    private final Set<String> dirtyDevices = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyHints = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtyMailboxes = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final AtomicInteger clientCount = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();

    // Only touched on the feed thread.
    private final ArrayDeque<Event> replay = new ArrayDeque<>();
    private final List<SseStream> clients = new ArrayList<>();
    private long sequence;
    private String lastLiveness = "";

    private final DeviceStateListener deviceListener = new DeviceStateListener() {
        @Override
        public void entryChanged(String device, EntityId eid, DeviceState state, boolean cachable) {
            mark(dirtyDevices, device);
        }

        @Override
        public void entryRemoved(String device, EntityId eid) {
            mark(dirtyDevices, device);
        }
        // Not aggregateChanged: it follows an entry change in the same update (one event is enough), except
        // for entries restored from the state file, which happens before the node (and this feed) starts.
    };
    private final HintListener hintListener = this::hintChanged;
    // As for devices: the entry changes, not mailboxChanged, which follows one in the same update.
    private final MwiListener mwiListener = new MwiListener() {
        @Override
        public void entryChanged(String mailbox, EntityId eid, MwiCounts counts) {
            mark(dirtyMailboxes, mailbox);
        }

        @Override
        public void entryRemoved(String mailbox, EntityId eid) {
            mark(dirtyMailboxes, mailbox);
        }
    };

    /**
     * @param replayCapacity how many events a reconnecting client can have missed and still catch up
     * @param maxQueuedBytes how much may wait for one slow client before it is cut off
     * @param sitesInterval how often the sites' liveness is compared with what was last sent
     * @param pingInterval how often an idle stream gets a comment (keeps proxies from closing it, finds dead clients)
     */
    EventFeed(WebNode node, int replayCapacity, long maxQueuedBytes, Duration sitesInterval, Duration pingInterval) {
        this.node = node;
        this.replayCapacity = replayCapacity;
        this.maxQueuedBytes = maxQueuedBytes;
        this.sitesInterval = sitesInterval;
        this.pingInterval = pingInterval;
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.epoch = HexFormat.of().formatHex(random);
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "statefed-http-events");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("event feed already started");
        }
        node.devices().addListener(deviceListener);
        node.hints().addListener(hintListener);
        node.mailboxes().addListener(mwiListener);
        thread.scheduleWithFixedDelay(() -> guarded(this::checkSites), 0, sitesInterval.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(() -> guarded(this::ping), pingInterval.toMillis(), pingInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Clients connected now. */
    int clients() {
        return clientCount.get();
    }

    /**
     * Adds a client: on the feed thread, it gets either the events after {@code lastEventId} (if they are all
     * still in the buffer) or a snapshot, then every later event.
     */
    void subscribe(SseStream client, Optional<String> lastEventId) {
        try {
            thread.execute(() -> guarded(() -> connect(client, lastEventId)));
        } catch (RejectedExecutionException stopped) {
            client.end(null);
        }
    }

    private void connect(SseStream client, Optional<String> lastEventId) {
        client.send(RETRY);
        Optional<Long> resumeAfter = lastEventId.flatMap(this::sequenceOf);
        long oldest = replay.isEmpty() ? sequence + 1 : replay.peekFirst().sequence();
        if (resumeAfter.isPresent() && resumeAfter.get() >= oldest - 1 && resumeAfter.get() <= sequence) {
            for (Event event : replay) {
                if (event.sequence() > resumeAfter.get()) {
                    client.send(event.frame());
                }
            }
            LOG.debug("http {}: event stream resumed after {}", client.client(), lastEventId.get());
        } else {
            client.send(frame("snapshot", id(sequence), snapshot()));
        }
        if (!client.isEnded()) {
            clients.add(client);
            clientCount.incrementAndGet();
        }
    }

    /** Called by a stream that ended, on any thread. */
    void ended(SseStream client) {
        try {
            thread.execute(() -> {
                if (clients.remove(client)) {
                    clientCount.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopped) {
            // the feed is closing and ends every stream itself
        }
    }

    private Optional<Long> sequenceOf(String id) {
        int dash = id.indexOf('-');
        if (dash < 0 || !id.substring(0, dash).equals(epoch)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(id.substring(dash + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String id(long seq) {
        return epoch + "-" + seq;
    }

    private ObjectNode snapshot() {
        JsonShapes shapes = JsonShapes.of(node);
        List<DeviceSnapshot> devices = node.devices().snapshot();
        ObjectNode out = JSON.objectNode();
        out.set("sites", shapes.sites(node, devices));
        var deviceArray = out.putArray("devices");
        devices.forEach(d -> deviceArray.add(shapes.device(d)));
        var hintArray = out.putArray("hints");
        node.hints().snapshot().forEach(h -> hintArray.add(JsonShapes.hint(h)));
        var mailboxArray = out.putArray("mailboxes");
        node.mailboxes().snapshot().forEach(m -> mailboxArray.add(shapes.mailbox(m)));
        return out;
    }

    private void hintChanged(Hint hint, ExtensionState previous, ExtensionState current) {
        mark(dirtyHints, hint.name());
    }

    /** From a table listener, under the table's lock: only a set insert and, at most once, a hand-off. */
    private void mark(Set<String> dirty, String key) {
        if (dirty.add(key) && drainQueued.compareAndSet(false, true)) {
            try {
                thread.execute(() -> guarded(this::drain));
            } catch (RejectedExecutionException stopped) {
                // closing: nobody listens any more
            }
        }
    }

    private void drain() {
        drainQueued.set(false);
        JsonShapes shapes = JsonShapes.of(node);
        for (String device : take(dirtyDevices)) {
            publish("device", node.devices().snapshot(device).map(shapes::device)
                    .orElseGet(() -> JsonShapes.deviceGone(device)));
        }
        List<String> hints = take(dirtyHints);
        if (!hints.isEmpty()) {
            Map<String, HintSnapshot> byName = new HashMap<>();
            node.hints().snapshot().forEach(h -> byName.put(h.hint().name(), h));
            for (String hint : hints) {
                Optional.ofNullable(byName.get(hint)).ifPresent(h -> publish("hint", JsonShapes.hint(h)));
            }
        }
        for (String mailbox : take(dirtyMailboxes)) {
            publish("mailbox", node.mailboxes().snapshot(mailbox).map(shapes::mailbox)
                    .orElseGet(() -> JsonShapes.mailboxGone(mailbox)));
        }
    }

    /** Removes each key before its value is read: a change after the read marks it again. */
    private static List<String> take(Set<String> dirty) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = dirty.iterator(); it.hasNext();) {
            keys.add(it.next());
            it.remove();
        }
        return keys;
    }

    /** Sends a {@code sites} event when a link's or a site's liveness changed (not for ages alone). */
    private void checkSites() {
        ObjectNode sites = JsonShapes.of(node).sites(node, List.of());
        String liveness = sites.toString();
        if (!liveness.equals(lastLiveness)) {
            lastLiveness = liveness;
            if (sequence > 0 || !clients.isEmpty()) {
                publish("sites", JsonShapes.of(node).sites(node, node.devices().snapshot()));
            }
        }
    }

    private void publish(String name, JsonNode data) {
        sequence++;
        Event event = new Event(sequence, frame(name, id(sequence), data));
        replay.addLast(event);
        while (replay.size() > replayCapacity) {
            replay.removeFirst();
        }
        broadcast(event.frame());
    }

    private void ping() {
        broadcast(PING);
    }

    private void broadcast(byte[] frame) {
        for (Iterator<SseStream> it = clients.iterator(); it.hasNext();) {
            SseStream client = it.next();
            if (!client.send(frame)) {
                it.remove();
                clientCount.decrementAndGet();
            }
        }
    }

    private static byte[] frame(String name, String id, JsonNode data) {
        return ("id: " + id + "\nevent: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The boundary of the feed thread: a failure is logged and the feed goes on. */
    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("http event feed: unexpected failure", e);
        }
    }

    /** Stops listening and ends every stream. */
    @Override
    public void close() {
        node.devices().removeListener(deviceListener);
        node.hints().removeListener(hintListener);
        node.mailboxes().removeListener(mwiListener);
        try {
            thread.submit(() -> {
                List<SseStream> all = new ArrayList<>(clients);
                clients.clear();
                clientCount.set(0);
                all.forEach(c -> c.end(null));
            }).get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.debug("http event feed: streams not all ended at close ({})", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }
}
