package org.statefed.sip;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.SipPublicationConfig;
import org.statefed.link.RateLimitedLog;
import org.statefed.node.DeviceStateUpdate;
import org.statefed.node.Link;
import org.statefed.node.LinkContext;
import org.statefed.node.LinkKind;
import org.statefed.node.LinkStatus;
import org.statefed.node.MailboxUpdate;
import org.statefed.sip.codec.BodyDecoder;
import org.statefed.sip.codec.DecodedBody;
import org.statefed.sip.codec.DeviceStateBody;
import org.statefed.sip.codec.EventPackage;
import org.statefed.sip.codec.MailboxStateBody;
import org.statefed.sip.codec.PublicationBody;
import org.statefed.sip.codec.RefreshBody;
import org.statefed.sip.codec.RejectedBody;
import org.statefed.state.EntityId;

/**
 * One Asterisk peer reached with res_pjsip_publish_asterisk's PUBLISHes ({@code type = sip_publication}).
 *
 * <p>Inbound, it answers PUBLISH as res_pjsip_pubsub does and learns each device state and mailbox body
 * under the body's entity id; a {@code refresh} body makes it publish everything the forwarding rules let
 * it carry; when the peer's last publication expires or is removed, the entity ids it spoke for are handed
 * to the stale rule. Outbound, it keeps one publication per event package ({@link OutboundPublication}),
 * starting each with a {@code refresh} so the peer republishes its states.
 *
 * <p>Threads: everything runs on the link's one thread ({@code executor}); the SIP stack's threads and the
 * router only enqueue onto it.
 */
public final class SipPublicationLink implements Link {
    private static final Logger LOG = LoggerFactory.getLogger(SipPublicationLink.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(60);

    private final SipPublicationConfig config;
    private final SipTransportFactory transports;
    private final Executor executor;
    private final Timers timers;
    private final ScheduledExecutorService ownedExecutor;
    private final SecureRandom random;
    private final SipLinkCounters counters = new SipLinkCounters();
    private final InboundPublications inbound = new InboundPublications();
    private final Map<EventPackage, OutboundPublication> outbound = new EnumMap<>(EventPackage.class);
    /** The entity ids this peer spoke for (learned states and refreshes), handed to the stale rule when it goes. */
    private final Set<EntityId> peerEids = new LinkedHashSet<>();

    private LinkContext context;
    private DigestAuthenticator authenticator;
    private RateLimitedLog rateLimited;
    private SipPeerTransport transport;
    private boolean started;
    private boolean stopped;
    private boolean peerPresent;
    private Runnable cancelSweep = () -> { };
    private Duration attachBackoff = OutboundPublication.FIRST_RETRY;
    private String state = "Starting";
    private volatile LinkStatus status;

    /** A link on its own thread, named after the section. */
    public static SipPublicationLink create(SipPublicationConfig config, SipTransportFactory transports) {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-" + config.name());
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        return new SipPublicationLink(config, transports, thread, scheduling(thread), thread, new SecureRandom());
    }

    /**
     * A link whose thread is {@code executor} and whose timers are {@code timers}, both owned by the
     * caller (tests drive them by hand).
     */
    public SipPublicationLink(SipPublicationConfig config, SipTransportFactory transports, Executor executor,
            Timers timers, SecureRandom random) {
        this(config, transports, executor, timers, null, random);
    }

    private SipPublicationLink(SipPublicationConfig config, SipTransportFactory transports, Executor executor,
            Timers timers, ScheduledExecutorService ownedExecutor, SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.transports = Objects.requireNonNull(transports, "transports");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.ownedExecutor = ownedExecutor;
        this.random = random;
        this.status = new LinkStatus(config.name(), LinkKind.SIP_PUBLICATION, state, false, 0, List.of());
    }

    private static Timers scheduling(ScheduledExecutorService thread) {
        return (delay, task) -> {
            var future = thread.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public LinkKind kind() {
        return LinkKind.SIP_PUBLICATION;
    }

    @Override
    public void start(LinkContext context) {
        Objects.requireNonNull(context, "context");
        synchronized (this) {
            if (this.context != null) {
                throw new IllegalStateException("[" + config.name() + "] the SIP link is already started");
            }
            this.context = context;
        }
        rateLimited = new RateLimitedLog(LOG, context.clock(), LOG_INTERVAL);
        authenticator = config.inbound().map(c -> new DigestAuthenticator(c, context.clock(), random)).orElse(null);
        run(this::attach);
    }

    private void attach() {
        if (stopped) {
            return;
        }
        try {
            transport = transports.attach(config, this::onInbound);
        } catch (IOException | RuntimeException e) {
            state = "Cannot listen on " + config.bind() + ": " + e.getMessage();
            LOG.error("[{}] cannot listen on {} for the SIP peer's PUBLISHes: {}; retrying in {} s", config.name(),
                    config.bind(), e.getMessage(), attachBackoff.toSeconds());
            Duration delay = attachBackoff;
            attachBackoff = attachBackoff.multipliedBy(2).compareTo(OutboundPublication.MAX_RETRY) > 0
                    ? OutboundPublication.MAX_RETRY : attachBackoff.multipliedBy(2);
            timers.schedule(delay, () -> run(this::attach));
            return;
        }
        started = true;
        state = "Listening on " + config.bind();
        LOG.info("[{}] SIP publication link listening on {} (UDP, TCP) for PUBLISHes to {}; publishing to {}",
                config.name(), config.bind(), config.inboundResource(), config.serverUri());
        for (EventPackage p : EventPackage.values()) {
            if (carries(p)) {
                OutboundPublication publication = new OutboundPublication(config.name(), p, config.expiration(),
                        transport::publish, r -> run(r), timers, context.clock(), () -> everything(p), counters);
                outbound.put(p, publication);
                // As Asterisk does at load: ask the peer for all its states.
                publication.offer(new RefreshBody(context.ownEid()));
            }
        }
    }

    private boolean carries(EventPackage p) {
        return p == EventPackage.DEVICE_STATE ? config.deviceState() : config.mailboxState();
    }

    private void onInbound(IncomingPublish request, Consumer<PublishAnswer> reply) {
        run(() -> {
            PublishAnswer answer;
            try {
                answer = answer(request);
            } catch (RuntimeException e) {
                LOG.warn("[{}] unexpected failure while handling a PUBLISH from {}; answered 500", config.name(),
                        request.source(), e);
                answer = PublishAnswer.of(500, "Server Internal Error");
            }
            counters.increment("inbound answered " + answer.status());
            reply.accept(answer);
        });
    }

    /** The answer to one PUBLISH routed to this link; learns its body when it is accepted. */
    PublishAnswer answer(IncomingPublish request) {
        if (authenticator != null && !request.authorization().map(a -> authenticator.verifies(a, "PUBLISH"))
                .orElse(false)) {
            if (request.authorization().isPresent()) {
                counters.increment("inbound auth failed");
                rateLimited.warn("auth", "[{}] a PUBLISH from {} failed digest authentication (user {}); challenged again",
                        config.name(), request.source(), request.authorization().get().username());
            }
            return PublishAnswer.challenge(authenticator.challenge());
        }
        EventPackage eventPackage = EventPackage.ofEventName(request.event());
        if (eventPackage == null) {
            return reject(request, 489, "Bad Event", "unknown event package");
        }
        if (!carries(eventPackage)) {
            return reject(request, 404, "Not Found", eventPackage.eventName() + " is off for this peer");
        }
        Instant now = context.clock().instant();
        boolean hasBody = request.body().length > 0;
        Optional<InboundPublications.Decision> early = inbound.precheck(eventPackage, request.ifMatch(), hasBody,
                request.expires(), now);
        if (early.isPresent()) {
            counters.increment("inbound " + early.get().kind().name().toLowerCase() + " refused");
            return PublishAnswer.of(early.get().status(), early.get().reason());
        }
        PublicationBody body = null;
        if (hasBody) {
            if (!"application/json".equals(request.contentType())) {
                return reject(request, 400, "Bad Request", "Content-Type is not application/json");
            }
            DecodedBody decoded = BodyDecoder.decode(eventPackage, request.body());
            if (decoded instanceof RejectedBody rejected) {
                counters.increment("inbound rejected " + rejected.reason());
                rateLimited.warn("body " + rejected.reason(), "[{}] a {} PUBLISH from {} was refused with {}: {}",
                        config.name(), eventPackage.eventName(), request.source(), rejected.reason().sipStatus(),
                        rejected.detail());
                return PublishAnswer.of(rejected.reason().sipStatus(),
                        rejected.reason().sipStatus() == 413 ? "Request Entity Too Large" : "Bad Request");
            }
            body = (PublicationBody) decoded;
        }
        InboundPublications.Decision decision = inbound.handle(eventPackage, request.ifMatch(), hasBody,
                request.expires(), now);
        if (body != null) {
            act(eventPackage, body);
        }
        livenessAfterChange();
        scheduleSweep();
        return PublishAnswer.ok(decision.etag(), decision.expires());
    }

    private PublishAnswer reject(IncomingPublish request, int status, String reason, String why) {
        counters.increment("inbound refused " + status);
        rateLimited.warn("refused " + status, "[{}] a PUBLISH from {} was refused with {} {}: {}", config.name(),
                request.source(), status, reason, why);
        return PublishAnswer.of(status, reason);
    }

    private void act(EventPackage eventPackage, PublicationBody body) {
        if (body.eid().equals(context.ownEid())) {
            // Our own state coming back (another bridge on this LAN, or a loop): never learned.
            counters.increment("inbound own eid dropped");
            rateLimited.info("own eid", "[{}] the peer sent a {} carrying this node's own entity id {}; ignored",
                    config.name(), eventPackage.eventName(), body.eid());
            return;
        }
        if (body instanceof DeviceStateBody d) {
            if (!config.carriesDevice(d.device())) {
                counters.increment("inbound filtered");
                return;
            }
            peerEids.add(d.eid());
            context.learnDeviceState(d.device(), d.eid(), d.state(), d.cachable());
            counters.increment("inbound device states");
        } else if (body instanceof MailboxStateBody m) {
            if (!config.carriesMailbox(m.uniqueId())) {
                counters.increment("inbound filtered");
                return;
            }
            peerEids.add(m.eid());
            context.learnMailbox(m.uniqueId(), m.eid(), m.counts());
            counters.increment("inbound mailbox states");
        } else if (body instanceof RefreshBody r) {
            peerEids.add(r.eid());
            counters.increment("inbound refresh requests");
            OutboundPublication publication = outbound.get(eventPackage);
            if (publication != null) {
                everything(eventPackage).forEach(publication::offer);
            }
        }
    }

    /** Every body this link may send on a package: what a refresh is answered with, and a 412 resends. */
    private List<PublicationBody> everything(EventPackage eventPackage) {
        List<PublicationBody> bodies = new ArrayList<>();
        if (eventPackage == EventPackage.DEVICE_STATE) {
            for (DeviceStateUpdate u : context.deviceStatesFor()) {
                toBody(u).ifPresent(bodies::add);
            }
        } else {
            for (MailboxUpdate u : context.mailboxesFor()) {
                toBody(u).ifPresent(bodies::add);
            }
        }
        return bodies;
    }

    private Optional<PublicationBody> toBody(DeviceStateUpdate u) {
        if (!config.carriesDevice(u.device())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeviceStateBody(u.device(), u.state(), u.cachable(), u.eid()));
        } catch (IllegalArgumentException e) {
            counters.increment("outbound unsendable names");
            return Optional.empty();
        }
    }

    private Optional<PublicationBody> toBody(MailboxUpdate u) {
        if (!config.carriesMailbox(u.mailbox())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailboxStateBody(u.mailbox(), u.counts(), u.eid()));
        } catch (IllegalArgumentException e) {
            counters.increment("outbound unsendable names");
            return Optional.empty();
        }
    }

    private void livenessAfterChange() {
        if (!peerPresent && !inbound.isEmpty()) {
            peerPresent = true;
            LOG.info("[{}] the SIP peer is publishing to {}", config.name(), config.inboundResource());
            if (!peerEids.isEmpty()) {
                context.peersBack(Set.copyOf(peerEids));
            }
        } else if (peerPresent && inbound.isEmpty()) {
            peerGone("removed its publications");
        }
    }

    private void peerGone(String why) {
        peerPresent = false;
        LOG.info("[{}] the SIP peer {}; its entity ids {} go to the stale rule", config.name(), why, peerEids);
        if (!peerEids.isEmpty()) {
            context.peersGone(Set.copyOf(peerEids));
        }
    }

    private void scheduleSweep() {
        cancelSweep.run();
        Optional<Instant> next = inbound.nextExpiry();
        if (next.isEmpty()) {
            cancelSweep = () -> { };
            return;
        }
        Duration delay = Duration.between(context.clock().instant(), next.get()).plusMillis(1);
        cancelSweep = timers.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> run(this::sweep));
    }

    private void sweep() {
        List<InboundPublications.Publication> expired = inbound.expire(context.clock().instant());
        if (!expired.isEmpty()) {
            counters.increment("inbound publications expired");
            if (peerPresent && inbound.isEmpty()) {
                peerGone("let its publications expire without refreshing them");
            }
        }
        scheduleSweep();
    }

    @Override
    public void sendDeviceState(DeviceStateUpdate update) {
        run(() -> {
            OutboundPublication publication = outbound.get(EventPackage.DEVICE_STATE);
            if (publication != null) {
                toBody(update).ifPresent(publication::offer);
            }
        });
    }

    @Override
    public void sendMailbox(MailboxUpdate update) {
        run(() -> {
            OutboundPublication publication = outbound.get(EventPackage.MWI);
            if (publication != null) {
                toBody(update).ifPresent(publication::offer);
            }
        });
    }

    @Override
    public void forgetDeviceState(String device, EntityId eid) {
        // Asterisk's format cannot say "gone"; only a queued body is withdrawn.
        run(() -> {
            OutboundPublication publication = outbound.get(EventPackage.DEVICE_STATE);
            if (publication != null) {
                publication.withdraw(device + "\u0000" + eid);
            }
        });
    }

    @Override
    public void forgetMailbox(String mailbox, EntityId eid) {
        run(() -> {
            OutboundPublication publication = outbound.get(EventPackage.MWI);
            if (publication != null) {
                publication.withdraw(mailbox + "\u0000" + eid);
            }
        });
    }

    @Override
    public void stop(Duration timeout) {
        CountDownLatch done = new CountDownLatch(1);
        try {
            run(() -> {
                try {
                    stopped = true;
                    cancelSweep.run();
                    outbound.values().forEach(OutboundPublication::stop);
                    if (transport != null) {
                        transport.close();
                    }
                    state = "Stopped";
                } finally {
                    done.countDown();
                }
            });
            if (ownedExecutor != null && ownedExecutor.isShutdown()) {
                return;
            }
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("[{}] the SIP link did not stop within {} ms", config.name(), timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("[{}] the SIP link's thread was already gone at stop", config.name());
        } finally {
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
        }
    }

    @Override
    public LinkStatus status() {
        return status;
    }

    /** Counters by name, e.g. {@code inbound answered 200}; for tests and the admin listing. */
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Runs a task on the link's thread, then refreshes the status snapshot. */
    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("[{}] unexpected failure on the SIP link's thread", config.name(), e);
                } finally {
                    refreshStatus();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // After stop: a late send from the router or a late SIP answer has nothing left to do.
            LOG.debug("[{}] the SIP link is stopped; a late task is dropped", config.name());
        }
    }

    private void refreshStatus() {
        List<String> detail = new ArrayList<>();
        detail.add("bind " + config.bind() + ", inbound_resource " + config.inboundResource() + ", server_uri "
                + config.serverUri());
        outbound.values().forEach(p -> detail.add(p.describe()));
        Instant now = context == null ? Instant.EPOCH : context.clock().instant();
        inbound.all().forEach(p -> detail.add("inbound " + p.eventPackage().eventName() + " etag " + p.etag()
                + ", expires in " + Math.max(0, Duration.between(now, p.expiresAt()).toSeconds()) + " s"));
        detail.add("peer entity ids " + peerEids);
        counters.snapshot().forEach((k, v) -> detail.add(k + ": " + v));
        boolean ready = started && !stopped && !outbound.isEmpty()
                && outbound.values().stream().allMatch(OutboundPublication::everAccepted);
        status = new LinkStatus(config.name(), LinkKind.SIP_PUBLICATION, state, ready, peerPresent ? 1 : 0, detail);
    }
}
