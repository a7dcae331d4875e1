package org.statefed.corosync;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.statefed.corosync.codec.CorosyncEvent;
import org.statefed.corosync.codec.DeviceStateChange;
import org.statefed.corosync.codec.EventEncoder;
import org.statefed.corosync.codec.EventType;
import org.statefed.corosync.codec.MwiUpdate;
import org.statefed.corosync.cpg.CpgException;
import org.statefed.corosync.cpg.CsError;
import org.statefed.link.RateLimitedLog;
import org.statefed.state.EntityId;

/**
 * The events waiting to be multicast, coalesced per (event type, device or mailbox, entity id): a newer
 * state replaces a queued one in its place, so a storm of changes sends only what is still current. Offers
 * only queue; the sender worker sends, so a busy corosync (TRY_AGAIN) never stalls whoever offered.
 * While the link is not joined, what is queued is dropped: the cache dump at the next join sends
 * everything current.
 */
final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /** What a queued event replaces: the same kind of event about the same thing from the same server. */
    record Key(EventType type, String name, EntityId eid) {
        static Key of(CorosyncEvent event) {
            String name = event instanceof DeviceStateChange change ? change.device()
                    : event instanceof MwiUpdate mwi ? mwi.mailboxId() : "";
            return new Key(event.type(), name, event.eid());
        }
    }

    private final String link;
    private final Worker sender;
    private final Supplier<CpgTransport.Connection> connection;
    private final Duration tryAgainDelay;
    private final CorosyncCounters counters;
    private final RateLimitedLog log;

    // Guarded by 'this'.
    private final LinkedHashMap<Key, CorosyncEvent> pending = new LinkedHashMap<>();
    private boolean draining;

    Outbox(String link, Worker sender, Supplier<CpgTransport.Connection> connection, Duration tryAgainDelay,
            CorosyncCounters counters, RateLimitedLog log) {
        this.link = link;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.tryAgainDelay = Objects.requireNonNull(tryAgainDelay, "tryAgainDelay");
        this.counters = counters;
        this.log = log;
    }

    void offer(CorosyncEvent event) {
        boolean start;
        synchronized (this) {
            pending.put(Key.of(event), event);
            start = !draining;
            draining = true;
        }
        if (start) {
            sender.execute(this::drain);
        }
    }

    synchronized int pending() {
        return pending.size();
    }

    /** Sends until nothing is pending; on the sender worker only. */
    private void drain() {
        while (true) {
            CorosyncEvent next;
            synchronized (this) {
                Iterator<Map.Entry<Key, CorosyncEvent>> first = pending.entrySet().iterator();
                if (!first.hasNext()) {
                    draining = false;
                    return;
                }
                next = first.next().getValue();
                first.remove();
            }
            CpgTransport.Connection joined = connection.get();
            if (joined == null) {
                synchronized (this) {
                    counters.droppedWhileDown.addAndGet(1L + pending.size());
                    pending.clear();
                    draining = false;
                }
                return;
            }
            try {
                joined.send(EventEncoder.encode(next));
                counters.sent.incrementAndGet();
            } catch (CpgException e) {
                if (e.error().orElse(CsError.UNKNOWN) == CsError.CS_ERR_TRY_AGAIN) {
                    synchronized (this) {
                        pending.putIfAbsent(Key.of(next), next);
                    }
                    log.warn("try-again", "[{}] corosync stays busy (TRY_AGAIN); {} events wait, sending again in {}",
                            link, pending(), tryAgainDelay);
                    sender.schedule(this::drain, tryAgainDelay);
                    return;
                }
                counters.sendFailures.incrementAndGet();
                log.warn("send-failed", "[{}] a {} was not sent: {}", link, next.type(), e.getMessage());
            } catch (RuntimeException e) {
                counters.sendFailures.incrementAndGet();
                LOG.error("[{}] sending a {} failed unexpectedly", link, next.type(), e);
            }
        }
    }
}
