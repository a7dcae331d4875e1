package org.statefed.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.sip.codec.BodyEncoder;
import org.statefed.sip.codec.DeviceStateBody;
import org.statefed.sip.codec.EventPackage;
import org.statefed.sip.codec.MailboxStateBody;
import org.statefed.sip.codec.PublicationBody;

/**
 * One outbound publication (one event package to one peer), as res_pjsip_outbound_publish keeps it: one
 * Call-ID, one request in flight, later bodies queued and coalesced per device (or mailbox) and entity id,
 * a newer body replacing a queued one in its place. Refreshed (SIP-If-Match, no body) before it expires;
 * after a 412 (the peer lost it, e.g. it restarted) re-established with a fresh Call-ID, an initial
 * PUBLISH and a full resend of everything the link may carry. Failures are retried with backoff.
 * Not thread-safe: the link's thread only; results come back through {@code executor}, that thread.
 */
final class OutboundPublication {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundPublication.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** pjsip refreshes this long before a publication runs out (PJSIP_PUBLISHC_DELAY_BEFORE_REFRESH). */
    static final Duration REFRESH_AHEAD = Duration.ofSeconds(5);
    static final String REFRESH_KEY = "refresh";

    private final String link;
    private final EventPackage eventPackage;
    private final Duration expiration;
    private final Function<OutgoingPublish, CompletableFuture<PublishResult>> sender;
    private final Executor executor;
    private final Timers timers;
    private final Clock clock;
    private final Supplier<List<PublicationBody>> everything;
    private final SipLinkCounters counters;

    private final LinkedHashMap<String, PublicationBody> pending = new LinkedHashMap<>();
    private String callId = newCallId();
    private long cseq = ThreadLocalRandom.current().nextInt(1, 32_768);
    private String etag;
    private Map.Entry<String, PublicationBody> inFlight;
    private boolean refreshInFlight;
    private Runnable cancelRefresh = () -> { };
    private Runnable cancelRetry;
    private Duration backoff = FIRST_RETRY;
    private boolean everAccepted;
    private boolean stopped;
    private Instant expiresAt;
    private String lastError = "none";

    OutboundPublication(String link, EventPackage eventPackage, Duration expiration,
            Function<OutgoingPublish, CompletableFuture<PublishResult>> sender, Executor executor,
            Timers timers, Clock clock, Supplier<List<PublicationBody>> everything, SipLinkCounters counters) {
        this.link = link;
        this.eventPackage = Objects.requireNonNull(eventPackage, "eventPackage");
        this.expiration = expiration;
        this.sender = sender;
        this.executor = executor;
        this.timers = timers;
        this.clock = clock;
        this.everything = everything;
        this.counters = counters;
    }

    /** The key a body is coalesced under: one entry per device (mailbox) and entity id. */
    static String keyOf(PublicationBody body) {
        if (body instanceof DeviceStateBody d) {
            return d.device() + "\u0000" + d.eid();
        }
        if (body instanceof MailboxStateBody m) {
            return m.uniqueId() + "\u0000" + m.eid();
        }
        return REFRESH_KEY;
    }

    /** Queues a body (replacing a queued one for the same device and eid) and sends if nothing is in flight. */
    void offer(PublicationBody body) {
        if (stopped) {
            return;
        }
        String key = keyOf(body);
        if (pending.put(key, body) != null) {
            counters.increment("outbound coalesced");
        }
        pump();
    }

    /** Drops a queued body for this key, e.g. because its entry left the tables. */
    void withdraw(String key) {
        pending.remove(key);
    }

    void stop() {
        stopped = true;
        cancelRefresh.run();
        if (cancelRetry != null) {
            cancelRetry.run();
        }
        pending.clear();
    }

    private void pump() {
        if (stopped || inFlight != null || refreshInFlight || cancelRetry != null || pending.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<String, PublicationBody>> first = pending.entrySet().iterator();
        inFlight = first.next();
        first.remove();
        send(BodyEncoder.encode(inFlight.getValue()));
    }

    /** Runs when the refresh timer fires. */
    private void refreshDue() {
        if (stopped || etag == null || inFlight != null || refreshInFlight) {
            return;
        }
        refreshInFlight = true;
        send(null);
    }

    private void send(byte[] body) {
        cseq++;
        OutgoingPublish publish = new OutgoingPublish(eventPackage, callId, cseq, etag, body,
                (int) expiration.toSeconds());
        counters.increment(body == null ? "outbound refreshes sent" : "outbound bodies sent");
        String sentCallId = callId;
        sender.apply(publish).whenCompleteAsync((result, failure) -> {
            if (!sentCallId.equals(callId) && failure == null) {
                // An answer to a publication abandoned meanwhile (stop, 412 restart): nothing to do.
                return;
            }
            onResult(failure == null ? result : new PublishResult(503, String.valueOf(failure), null, publish.cseq()));
        }, executor);
    }

    private void onResult(PublishResult result) {
        if (stopped) {
            return;
        }
        cseq = Math.max(cseq, result.lastCseq());
        Map.Entry<String, PublicationBody> sent = inFlight;
        boolean wasRefresh = refreshInFlight;
        inFlight = null;
        refreshInFlight = false;
        if (result.isSuccess()) {
            etag = result.etag();
            everAccepted = true;
            backoff = FIRST_RETRY;
            lastError = "none";
            expiresAt = clock.instant().plus(expiration);
            scheduleRefresh();
            pump();
            return;
        }
        lastError = result.status() + " " + result.reason();
        counters.increment("outbound answered " + result.status());
        if (result.status() == 412) {
            // The peer no longer holds the publication (it restarted, or it expired there): start a new one
            // and send it everything, since it may have lost every state it had from us.
            LOG.info("[{}] the peer lost the {} publication (412); re-establishing it with a full resend", link,
                    eventPackage.eventName());
            restart(sent);
            for (PublicationBody body : everything.get()) {
                pending.putIfAbsent(keyOf(body), body);
            }
            pump();
            return;
        }
        if (result.status() == 400 && sent != null) {
            // The peer refuses this body as Asterisk refuses a body its handler cannot use: resending it
            // would be refused again.
            LOG.warn("[{}] the peer refused a {} body with 400 {}; it is dropped", link, eventPackage.eventName(),
                    result.reason());
            counters.increment("outbound bodies refused");
            pump();
            return;
        }
        LOG.warn("[{}] PUBLISH {} failed: {} {}; retrying in {} s", link, eventPackage.eventName(), result.status(),
                result.reason(), backoff.toSeconds());
        if (wasRefresh) {
            // The refresh failed: the publication may be gone at the peer by the time the retry runs.
            restart(null);
            for (PublicationBody body : everything.get()) {
                pending.putIfAbsent(keyOf(body), body);
            }
        } else if (sent != null) {
            requeueFirst(sent);
        }
        Duration delay = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : backoff.multipliedBy(2);
        cancelRetry = timers.schedule(delay, () -> {
            cancelRetry = null;
            pump();
        });
    }

    private void restart(Map.Entry<String, PublicationBody> sent) {
        etag = null;
        callId = newCallId();
        expiresAt = null;
        cancelRefresh.run();
        if (sent != null) {
            requeueFirst(sent);
        }
    }

    /** Puts a body that was not delivered back at the front, unless a newer one for its key is queued. */
    private void requeueFirst(Map.Entry<String, PublicationBody> sent) {
        if (pending.containsKey(sent.getKey())) {
            return;
        }
        LinkedHashMap<String, PublicationBody> rest = new LinkedHashMap<>(pending);
        pending.clear();
        pending.put(sent.getKey(), sent.getValue());
        pending.putAll(rest);
    }

    private void scheduleRefresh() {
        cancelRefresh.run();
        Duration ahead = expiration.compareTo(REFRESH_AHEAD.multipliedBy(2)) > 0 ? expiration.minus(REFRESH_AHEAD)
                : expiration.dividedBy(2);
        cancelRefresh = timers.schedule(ahead, this::refreshDue);
    }

    private static String newCallId() {
        return UUID.randomUUID().toString();
    }

    EventPackage eventPackage() {
        return eventPackage;
    }

    boolean everAccepted() {
        return everAccepted;
    }

    int queued() {
        return pending.size();
    }

    /** A line for the admin listing, e.g. {@code outbound asterisk-mwi etag 3, expires in 17 s, 0 queued, last error none}. */
    String describe() {
        String expiry = expiresAt == null ? "not established"
                : "expires in " + Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds()) + " s";
        return "outbound " + eventPackage.eventName() + " Call-ID " + callId + ", etag " + (etag == null ? "-" : etag)
                + ", " + expiry + ", " + pending.size() + " queued" + (inFlight != null || refreshInFlight ? ", 1 in flight" : "")
                + ", last error " + lastError;
    }
}
