package org.statefed.sip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.statefed.sip.codec.EventPackage;
import org.statefed.sip.codec.PublishKind;

/**
 * The publications one peer holds at this node, as res_pjsip_pubsub keeps them: found by ETag, each
 * with its event package and expiry. Decides the status of a PUBLISH that passed routing and
 * authentication; the body is the link's business. Not thread-safe: the link's thread only.
 *
 * <p>One difference from Asterisk, on purpose: a publication is kept {@link #GRACE} past its Expires.
 * res_pjsip_outbound_publish (auto_refresh off) re-PUBLISHes exactly {@code expiration} seconds after
 * its last 200 OK, when Asterisk's receiver has just dropped the publication (see the capture): Asterisk
 * then answers 412 and the sender falls into a loop of bodiless PUBLISHes answered 400. Keeping the
 * publication a little longer answers that refresh 200, so the peer stays live.
 */
final class InboundPublications {
    static final Duration GRACE = Duration.ofSeconds(5);
    /**
     * Most publications one peer may hold at once. Asterisk holds two (one per event package); a peer
     * that opens more (a new initial PUBLISH each time, never refreshing) would otherwise grow this map
     * until its publications expire.
     */
    static final int MAX_PUBLICATIONS = 16;
    /** pjsip's default Expires of a PUBLISH without one. */
    static final int DEFAULT_EXPIRES = 3600;

    record Publication(String etag, EventPackage eventPackage, Instant expiresAt) {
    }

    /** What to answer, and what the request was. */
    record Decision(int status, String reason, PublishKind kind, String etag, int expires) {
        boolean accepted() {
            return status == 200;
        }
    }

    private final Map<String, Publication> byEtag = new HashMap<>();
    private long nextEtag;

    /**
     * The answer to a PUBLISH of {@code eventPackage}. A 200 for an initial or modify PUBLISH is only
     * final once the body is accepted: the caller checks the body first (see {@link #precheck}), then
     * calls this.
     */
    Decision handle(EventPackage eventPackage, String ifMatch, boolean hasBody, int expires, Instant now) {
        PublishKind kind = PublishKind.of(ifMatch, hasBody, expires);
        int granted = expires < 0 ? DEFAULT_EXPIRES : expires;
        switch (kind) {
            case INVALID:
                return new Decision(400, "Bad Request", kind, null, -1);
            case INITIAL: {
                if (granted == 0) {
                    // Removing a publication one never had: nothing to keep, nothing to refuse.
                    return new Decision(200, "OK", kind, Long.toString(nextEtag++), 0);
                }
                String etag = Long.toString(nextEtag++);
                byEtag.put(etag, new Publication(etag, eventPackage, now.plusSeconds(granted)));
                return new Decision(200, "OK", kind, etag, granted);
            }
            default: {
                Publication known = live(ifMatch, eventPackage, now);
                if (known == null) {
                    return new Decision(412, "Conditional Request Failed", kind, null, -1);
                }
                byEtag.remove(known.etag());
                if (kind == PublishKind.REMOVE) {
                    return new Decision(200, "OK", kind, known.etag(), 0);
                }
                // A new ETag for every refresh and modify, as Asterisk gives (RFC 3903 section 6).
                String etag = Long.toString(nextEtag++);
                byEtag.put(etag, new Publication(etag, eventPackage, now.plusSeconds(granted)));
                return new Decision(200, "OK", kind, etag, granted);
            }
        }
    }

    /**
     * The status a PUBLISH gets before its body is looked at, if it is an error: 400 for neither
     * SIP-If-Match nor body, 412 for an ETag this peer does not hold. Empty when the body decides.
     */
    Optional<Decision> precheck(EventPackage eventPackage, String ifMatch, boolean hasBody, int expires, Instant now) {
        PublishKind kind = PublishKind.of(ifMatch, hasBody, expires);
        if (kind == PublishKind.INVALID) {
            return Optional.of(new Decision(400, "Bad Request", kind, null, -1));
        }
        if (kind != PublishKind.INITIAL && live(ifMatch, eventPackage, now) == null) {
            return Optional.of(new Decision(412, "Conditional Request Failed", kind, null, -1));
        }
        if (kind == PublishKind.INITIAL && expires != 0 && byEtag.size() >= MAX_PUBLICATIONS) {
            expire(now);
            if (byEtag.size() >= MAX_PUBLICATIONS) {
                return Optional.of(new Decision(503, "Service Unavailable", kind, null, -1));
            }
        }
        return Optional.empty();
    }

    private Publication live(String etag, EventPackage eventPackage, Instant now) {
        Publication p = byEtag.get(etag);
        if (p == null || p.eventPackage() != eventPackage || now.isAfter(p.expiresAt().plus(GRACE))) {
            return null;
        }
        return p;
    }

    /** Drops the publications past their Expires and grace; returns them. */
    List<Publication> expire(Instant now) {
        List<Publication> gone = new ArrayList<>();
        byEtag.values().removeIf(p -> {
            boolean expired = now.isAfter(p.expiresAt().plus(GRACE));
            if (expired) {
                gone.add(p);
            }
            return expired;
        });
        return gone;
    }

    /** When the next publication runs out (with grace), if any. */
    Optional<Instant> nextExpiry() {
        return byEtag.values().stream().map(p -> p.expiresAt().plus(GRACE)).min(Instant::compareTo);
    }

    boolean isEmpty() {
        return byEtag.isEmpty();
    }

    Collection<Publication> all() {
        return List.copyOf(byEtag.values());
    }
}
