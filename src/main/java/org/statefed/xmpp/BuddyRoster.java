package org.statefed.xmpp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.AbstractPresenceEventListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smackx.caps.packet.CapsExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.config.AuthPolicy;
import org.statefed.link.RateLimitedLog;
import org.statefed.wire.StatefedPresenceElement;

/**
 * The buddies of one account: keeps them on the roster ({@code autoregister}), answers presence
 * subscription requests ({@code auth_policy}: buddies only), and tracks which of their resources are
 * online. Smack calls the listeners on its threads; they only update maps and hand buddy
 * availability changes to the given callbacks, which must enqueue.
 */
final class BuddyRoster {
    private static final Logger LOG = LoggerFactory.getLogger(BuddyRoster.class);
    /** Roster sets in flight at a first start: enough to hide the round trip, few enough not to flood the server. */
    static final int ROSTER_ADDITIONS_IN_FLIGHT = 32;

    private final String account;
    private final List<EntityBareJid> buddies;
    /** The same, for lookups on every presence: a list's contains is O(buddies), per presence. */
    private final Set<EntityBareJid> buddySet;
    private final AuthPolicy authPolicy;
    private final boolean autoregister;
    private final boolean autoprune;
    private final Counters counters;
    private final Consumer<EntityBareJid> becameAvailable;
    private final Consumer<EntityBareJid> becameUnavailable;
    private final BiConsumer<EntityBareJid, StatefedPresenceElement> eidDeclared;
    private final Map<EntityBareJid, Map<String, BuddyResource>> online = new ConcurrentHashMap<>();
    /** Online resources whose presence carried statefed's element: statefed answers pings. */
    private final Set<FullJid> statefedResources = ConcurrentHashMap.newKeySet();
    private final RateLimitedLog remoteInput;
    private final WindowedRequests rosterAdditions = new WindowedRequests(ROSTER_ADDITIONS_IN_FLIGHT);

    BuddyRoster(String account, List<EntityBareJid> buddies, AuthPolicy authPolicy, boolean autoregister,
            boolean autoprune, Counters counters, Consumer<EntityBareJid> becameAvailable,
            Consumer<EntityBareJid> becameUnavailable, BiConsumer<EntityBareJid, StatefedPresenceElement> eidDeclared,
            RateLimitedLog remoteInput) {
        this.account = account;
        this.buddies = List.copyOf(buddies);
        this.buddySet = Set.copyOf(this.buddies);
        this.authPolicy = authPolicy;
        this.autoregister = autoregister;
        this.autoprune = autoprune;
        this.counters = counters;
        this.becameAvailable = becameAvailable;
        this.becameUnavailable = becameUnavailable;
        this.eidDeclared = eidDeclared;
        this.remoteInput = remoteInput;
    }

    /** Hooks into a new connection's roster; call before login. */
    void attach(XMPPConnection connection) {
        Roster roster = Roster.getInstanceFor(connection);
        roster.setSubscriptionMode(Roster.SubscriptionMode.manual);
        roster.addSubscribeListener(answerSubscriptions());
        roster.addPresenceEventListener(new AbstractPresenceEventListener() {
            @Override
            public void presenceAvailable(FullJid address, Presence presence) {
                available(address, presence);
            }

            @Override
            public void presenceUnavailable(FullJid address, Presence presence) {
                unavailable(address);
            }
        });
    }

    private SubscribeListener answerSubscriptions() {
        return (Jid from, Presence request) -> {
            EntityBareJid bare = from.asEntityBareJidIfPossible();
            if (bare != null && buddySet.contains(bare) && authPolicy == AuthPolicy.ACCEPT) {
                LOG.info("[{}] accepted presence subscription from buddy {}", account, bare);
                return SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired;
            }
            counters.increment(Counters.Counter.NOT_A_BUDDY);
            // Anyone can send these, thousands a second: one line per interval for all of them.
            remoteInput.warn("denied-subscription", "[{}] denied presence subscription from {}: {}", account, from,
                    bare != null && buddySet.contains(bare) ? "auth_policy=deny" : "not a buddy of this account");
            return SubscribeListener.SubscribeAnswer.Deny;
        };
    }

    /** After each login: put missing buddies on the roster and ask for their presence. Blocking. */
    void reconcile(XMPPConnection connection) throws Exception {
        Roster roster = Roster.getInstanceFor(connection);
        if (!roster.isLoaded()) {
            roster.reloadAndWait();
        }
        if (autoregister) {
            List<EntityBareJid> missing = new ArrayList<>();
            for (EntityBareJid buddy : buddies) {
                RosterEntry entry = roster.getEntry(buddy);
                boolean subscribed = entry != null && (entry.getType() == RosterPacket.ItemType.to
                        || entry.getType() == RosterPacket.ItemType.both);
                if (!subscribed && (entry == null || !entry.isSubscriptionPending())) {
                    missing.add(buddy);
                }
            }
            addAndSubscribe(connection, roster, missing);
        }
        if (autoprune) {
            for (RosterEntry entry : roster.getEntries()) {
                EntityBareJid jid = entry.getJid().asEntityBareJidIfPossible();
                if (jid == null || !buddySet.contains(jid)) {
                    roster.removeEntry(entry);
                    LOG.info("[{}] autoprune removed {} from the roster (not a buddy)", account, entry.getJid());
                }
            }
        }
    }

    /**
     * What Smack's {@code createItemAndRequestSubscription} does per buddy (a roster set, then a subscription
     * request), with the roster sets pipelined: one round trip each in series made a first start with 1000
     * buddies take about 90 s.
     */
    private void addAndSubscribe(XMPPConnection connection, Roster roster, List<EntityBareJid> missing)
            throws Exception {
        if (missing.isEmpty()) {
            return;
        }
        WindowedRequests.Outcome<EntityBareJid> outcome = rosterAdditions.sendAll(missing, buddy -> {
            RosterPacket set = new RosterPacket();
            set.setType(IQ.Type.set);
            set.addRosterItem(new RosterPacket.Item(buddy, buddy.toString()));
            java.util.concurrent.CompletableFuture<IQ> answer = new java.util.concurrent.CompletableFuture<>();
            connection.sendIqRequestAsync(set).onSuccess(answer::complete).onError(answer::completeExceptionally);
            return answer;
        }, Duration.ofMillis(connection.getReplyTimeout()));
        for (EntityBareJid buddy : outcome.answered()) {
            roster.sendSubscriptionRequest(buddy);
            LOG.debug("[{}] asked buddy {} for presence subscription", account, buddy);
        }
        LOG.info("[{}] put {} buddies on the roster and asked them for presence subscription{}", account,
                outcome.answered().size(), outcome.failed().isEmpty() ? "" : "; " + outcome.failed().size() + " failed");
        if (!outcome.failed().isEmpty()) {
            Map.Entry<EntityBareJid, Throwable> first = outcome.failed().entrySet().iterator().next();
            throw new IllegalStateException("adding buddy " + first.getKey() + " to the roster failed: "
                    + first.getValue().getMessage(), first.getValue());
        }
    }

    // Package-private for tests: Smack calls it from the roster's presence listener.
    void available(FullJid address, Presence presence) {
        EntityBareJid bare = address.asEntityBareJidIfPossible();
        if (bare == null || !buddySet.contains(bare)) {
            return;
        }
        CapsExtension caps = presence.getExtension(CapsExtension.class);
        BuddyResource resource = new BuddyResource(address.getResourceOrEmpty().toString(), presence.getPriority(),
                caps == null ? "" : caps.getNode(), caps == null ? "" : caps.getVer());
        Map<String, BuddyResource> resources = online.computeIfAbsent(bare, b -> new ConcurrentHashMap<>());
        boolean wasOffline = resources.isEmpty();
        resources.put(resource.resource(), resource);
        // By name, not class: with the provider missing Smack would hand back a generic element.
        if (presence.getExtension(StatefedPresenceElement.QNAME) instanceof StatefedPresenceElement statefed) {
            statefedResources.add(address);
            eidDeclared.accept(bare, statefed);
        } else {
            statefedResources.remove(address);
        }
        if (wasOffline) {
            becameAvailable.accept(bare);
        }
    }

    void unavailable(FullJid address) {
        EntityBareJid bare = address.asEntityBareJidIfPossible();
        if (bare == null) {
            return;
        }
        statefedResources.remove(address);
        Map<String, BuddyResource> resources = online.get(bare);
        if (resources != null && resources.remove(address.getResourceOrEmpty().toString()) != null && resources.isEmpty()) {
            becameUnavailable.accept(bare);
        }
    }

    /** Our own connection is gone: we no longer know who is online. */
    void forgetPresence() {
        online.clear();
        statefedResources.clear();
    }

    /** Every configured buddy with its online resources, in configuration order. */
    List<BuddyStatus> snapshot() {
        List<BuddyStatus> out = new ArrayList<>();
        for (EntityBareJid buddy : buddies) {
            List<BuddyResource> resources = new ArrayList<>(online.getOrDefault(buddy, Map.of()).values());
            resources.sort(Comparator.comparing(BuddyResource::resource));
            out.add(new BuddyStatus(buddy, resources));
        }
        return out;
    }

    /** Whether {@code buddy} has at least one resource online (no copy: asked for every routed change). */
    boolean isOnline(EntityBareJid buddy) {
        Map<String, BuddyResource> resources = online.get(buddy);
        return resources != null && !resources.isEmpty();
    }

    /** Buddies with at least one resource online. */
    Set<EntityBareJid> onlineBuddies() {
        Set<EntityBareJid> out = new java.util.HashSet<>();
        online.forEach((jid, resources) -> {
            if (!resources.isEmpty()) {
                out.add(jid);
            }
        });
        return Set.copyOf(out);
    }

    /** Whether this online resource announced itself as statefed, which always answers pings. */
    boolean isStatefed(Jid resource) {
        return resource instanceof FullJid full && statefedResources.contains(full);
    }

    /**
     * Whether every online resource of {@code buddy} announced itself as statefed: such a buddy fetches our
     * node and sends a refresh request when its session starts, so it needs no republish from us (at N sites,
     * a republish by every peer for every return costs N − 1 × our devices publishes, fanned out N − 1 times).
     */
    boolean onlyStatefedOnline(EntityBareJid buddy) {
        Map<String, BuddyResource> resources = online.getOrDefault(buddy, Map.of());
        if (resources.isEmpty()) {
            return false;
        }
        for (String resource : resources.keySet()) {
            try {
                if (!statefedResources.contains(JidCreate.fullFrom(buddy, Resourcepart.from(resource)))) {
                    return false;
                }
            } catch (XmppStringprepException e) {
                return false;
            }
        }
        return true;
    }

    /** The full JIDs of every buddy's online resources, for heartbeats. */
    Map<EntityBareJid, Set<FullJid>> onlineResources() {
        Map<EntityBareJid, Set<FullJid>> out = new java.util.HashMap<>();
        online.forEach((jid, resources) -> {
            Set<FullJid> full = new java.util.HashSet<>();
            for (String resource : resources.keySet()) {
                try {
                    full.add(JidCreate.fullFrom(jid, Resourcepart.from(resource)));
                } catch (XmppStringprepException e) {
                    // Smack accepted this resource from a JID: it is a valid resourcepart; skip it if not.
                    LOG.debug("[{}] resource '{}' of {} is not a valid resourcepart", account, resource, jid);
                }
            }
            if (!full.isEmpty()) {
                out.put(jid, Set.copyOf(full));
            }
        });
        return out;
    }

    boolean isBuddy(EntityBareJid jid) {
        return buddySet.contains(jid);
    }
}
