package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jivesoftware.smack.XMPPConnection;
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

    private final String account;
    private final List<EntityBareJid> buddies;
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

    BuddyRoster(String account, List<EntityBareJid> buddies, AuthPolicy authPolicy, boolean autoregister,
            boolean autoprune, Counters counters, Consumer<EntityBareJid> becameAvailable,
            Consumer<EntityBareJid> becameUnavailable, BiConsumer<EntityBareJid, StatefedPresenceElement> eidDeclared,
            RateLimitedLog remoteInput) {
        this.account = account;
        this.buddies = List.copyOf(buddies);
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
            if (bare != null && buddies.contains(bare) && authPolicy == AuthPolicy.ACCEPT) {
                LOG.info("[{}] accepted presence subscription from buddy {}", account, bare);
                return SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired;
            }
            counters.increment(Counters.Counter.NOT_A_BUDDY);
            // Anyone can send these, thousands a second: one line per interval for all of them.
            remoteInput.warn("denied-subscription", "[{}] denied presence subscription from {}: {}", account, from,
                    bare != null && buddies.contains(bare) ? "auth_policy=deny" : "not a buddy of this account");
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
            for (EntityBareJid buddy : buddies) {
                RosterEntry entry = roster.getEntry(buddy);
                boolean subscribed = entry != null && (entry.getType() == RosterPacket.ItemType.to
                        || entry.getType() == RosterPacket.ItemType.both);
                if (!subscribed && (entry == null || !entry.isSubscriptionPending())) {
                    roster.createItemAndRequestSubscription(buddy, buddy.toString(), null);
                    LOG.info("[{}] asked buddy {} for presence subscription", account, buddy);
                }
            }
        }
        if (autoprune) {
            for (RosterEntry entry : roster.getEntries()) {
                EntityBareJid jid = entry.getJid().asEntityBareJidIfPossible();
                if (jid == null || !buddies.contains(jid)) {
                    roster.removeEntry(entry);
                    LOG.info("[{}] autoprune removed {} from the roster (not a buddy)", account, entry.getJid());
                }
            }
        }
    }

    private void available(FullJid address, Presence presence) {
        EntityBareJid bare = address.asEntityBareJidIfPossible();
        if (bare == null || !buddies.contains(bare)) {
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

    private void unavailable(FullJid address) {
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
        return buddies.contains(jid);
    }
}
