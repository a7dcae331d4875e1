package org.statefed.xmpp;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each buddy's nodes live in the per-site layout (issue 13, sites on federated servers): a buddy of the
 * account's own domain uses the configured PubSub service; a buddy on another domain publishes on the PubSub
 * service of its own domain, which is found by disco#items on that domain at every session (the remote
 * server may have changed), unless the section names it ({@code buddy_pubsub = JID SERVICE}).
 */
final class BuddyServices {
    private static final Logger LOG = LoggerFactory.getLogger(BuddyServices.class);

    /** Asks a domain for its PubSub service (an item with identity pubsub/service); empty when it has none. */
    interface Discovery {
        Optional<BareJid> pubsubServiceOf(DomainBareJid domain) throws Exception;
    }

    private final String account;
    private final BareJid own;
    private final DomainBareJid ownDomain;
    private final Map<EntityBareJid, BareJid> configured;
    private final Map<DomainBareJid, BareJid> found = new ConcurrentHashMap<>();

    BuddyServices(String account, BareJid own, DomainBareJid ownDomain, Map<EntityBareJid, ? extends BareJid> configured) {
        this.account = Objects.requireNonNull(account, "account");
        this.own = Objects.requireNonNull(own, "own");
        this.ownDomain = Objects.requireNonNull(ownDomain, "ownDomain");
        this.configured = Map.copyOf(configured);
    }

    /** The service holding {@code buddy}'s nodes. */
    BareJid of(EntityBareJid buddy) {
        BareJid named = configured.get(buddy);
        if (named != null) {
            return named;
        }
        if (buddy.asDomainBareJid().equals(ownDomain)) {
            return own;
        }
        return found.computeIfAbsent(buddy.asDomainBareJid(), BuddyServices::conventional);
    }

    /** Whether events from {@code from} may be about some buddy's nodes (anti-spoofing is per node, later). */
    boolean isServiceOfABuddy(BareJid from, Collection<EntityBareJid> buddies) {
        return buddies.stream().anyMatch(buddy -> of(buddy).equals(from));
    }

    /**
     * Looks up the PubSub service of every other domain among {@code buddies} that the section does not name.
     * A domain that answers nothing useful keeps {@code pubsub.DOMAIN}, the name prosody, ejabberd, Openfire
     * and Tigase give their service by default, and the operator is told which key fixes it.
     */
    void discover(Discovery discovery, Collection<EntityBareJid> buddies) {
        buddies.stream().filter(b -> !configured.containsKey(b) && !b.asDomainBareJid().equals(ownDomain))
                .map(EntityBareJid::asDomainBareJid).distinct().forEach(domain -> {
                    Optional<BareJid> service;
                    String why;
                    try {
                        service = discovery.pubsubServiceOf(domain);
                        why = "it lists no item with identity pubsub/service";
                    } catch (Exception e) {
                        service = Optional.empty();
                        why = "asking it failed: " + e.getMessage();
                    }
                    if (service.isPresent()) {
                        if (!service.get().equals(found.put(domain, service.get()))) {
                            LOG.info("[{}] buddies on {} publish on its PubSub service {}", account, domain,
                                    service.get());
                        }
                    } else {
                        BareJid guess = conventional(domain);
                        found.put(domain, guess);
                        LOG.warn("[{}] could not discover the PubSub service of {} ({}); using {}; if the buddies "
                                + "there publish elsewhere, name it per buddy: buddy_pubsub = BUDDY-JID SERVICE-JID",
                                account, domain, why, guess);
                    }
                });
    }

    private static BareJid conventional(DomainBareJid domain) {
        return JidCreate.domainBareFromOrThrowUnchecked("pubsub." + domain);
    }
}
