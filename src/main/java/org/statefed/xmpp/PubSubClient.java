package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.AffiliationsExtension;
import org.jivesoftware.smackx.pubsub.FormNode;
import org.jivesoftware.smackx.pubsub.FormNodeType;
import org.jivesoftware.smackx.pubsub.GetItemsRequest;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.NodeExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubElementType;
import org.jivesoftware.smackx.pubsub.PublishItem;
import org.jivesoftware.smackx.pubsub.SubscribeExtension;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.SubscriptionsExtension;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jivesoftware.smackx.pubsub.packet.PubSubNamespace;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smackx.xdata.FormField;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The PubSub requests statefed makes, sent straight to the service (no disco round trips per node, as
 * Smack's {@code PubSubManager} would make). The blocking ones are for the session thread; the publish
 * is asynchronous for the publisher's window.
 */
final class PubSubClient implements ItemSender {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PubSubClient.class);
    private final XMPPConnection connection;
    private final BareJid service;
    private final java.time.Duration publishTimeout;

    /** Publishes wait for their answer as long as the connection's other requests. */
    PubSubClient(XMPPConnection connection, BareJid service) {
        this(connection, service, java.time.Duration.ZERO);
    }

    /**
     * @param publishTimeout how long a publish waits for its answer; zero: the connection's reply timeout. A
     *                       publish given up too early is sent again, and under load its answer was only late:
     *                       a 10-site storm on prosody retried 4 903 publishes whose answers waited in the
     *                       server's queue behind the storm's events
     */
    PubSubClient(XMPPConnection connection, BareJid service, java.time.Duration publishTimeout) {
        this.connection = connection;
        this.service = service;
        this.publishTimeout = java.util.Objects.requireNonNull(publishTimeout, "publishTimeout");
    }

    BareJid service() {
        return service;
    }

    /** The same connection talking to another service: a buddy's own account in the PEP layout. */
    PubSubClient at(BareJid other) {
        return other.equals(service) ? this : new PubSubClient(connection, other, publishTimeout);
    }

    @Override
    public CompletionStage<Void> publish(PublishKey key, ExtensionElement payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        PubSub iq = PubSub.createPubsubPacket(service, IQ.Type.set,
                new PublishItem<>(key.node(), new PayloadItem<>(key.itemId(), payload)));
        (publishTimeout.isZero() ? connection.sendIqRequestAsync(iq)
                : connection.sendIqRequestAsync(iq, publishTimeout.toMillis()))
                .onSuccess(result -> done.complete(null))
                .onError(done::completeExceptionally);
        return done;
    }

    /**
     * Creates a node, trying smaller option sets when the server rejects options.
     *
     * @return true if we created it, false if it already existed
     * @throws XMPPErrorException for anything but a conflict after the fallbacks
     */
    boolean create(String node, NodeOptions options, java.util.function.Consumer<String> onFallback) throws Exception {
        List<NodeOptions> attempts = new ArrayList<>();
        attempts.add(options);
        attempts.addAll(options.fallbacks());
        XMPPErrorException last = null;
        for (NodeOptions attempt : attempts) {
            PubSub request = PubSub.createPubsubPacket(service, IQ.Type.set, new NodeExtension(PubSubElementType.CREATE, node));
            if (!attempt.isEmpty()) {
                request.addExtension(new FormNode(FormNodeType.CONFIGURE, attempt.toSubmitForm()));
            }
            try {
                connection.sendIqRequestAndWaitForResponse(request);
                return true;
            } catch (XMPPErrorException e) {
                StanzaError.Condition c = e.getStanzaError().getCondition();
                if (c == StanzaError.Condition.conflict) {
                    return false;
                }
                if (c == StanzaError.Condition.forbidden || c == StanzaError.Condition.not_allowed
                        || c == StanzaError.Condition.not_authorized) {
                    // prosody answers 'forbidden', not 'conflict', when a non-owner creates an existing node.
                    if (exists(node)) {
                        return false;
                    }
                    throw e;
                }
                last = e;
                onFallback.accept(attempt.fields().keySet() + " rejected with " + c);
            }
        }
        throw last;
    }

    /** Whether the node exists: asking for one item works for any affiliated site (disco#info does not on prosody). */
    boolean exists(String node) throws Exception {
        try {
            connection.sendIqRequestAndWaitForResponse(
                    PubSub.createPubsubPacket(service, IQ.Type.get, new GetItemsRequest(node, 1)));
            return true;
        } catch (XMPPErrorException e) {
            if (e.getStanzaError().getCondition() == StanzaError.Condition.item_not_found) {
                return false;
            }
            // Exists, but we may not read it (not affiliated): still not ours to create.
            return true;
        }
    }

    /** Sets affiliations as the node's owner. */
    void affiliate(String node, Map<BareJid, Affiliation.Type> affiliations) throws Exception {
        List<Affiliation> list = new ArrayList<>();
        affiliations.forEach((jid, type) -> list.add(new Affiliation(jid, type, Affiliation.AffiliationNamespace.owner)));
        PubSub request = PubSub.createPubsubPacket(service, IQ.Type.set,
                new AffiliationsExtension(Affiliation.AffiliationNamespace.owner, list, node));
        connection.sendIqRequestAndWaitForResponse(request);
    }

    /** The node's configuration as its owner sees it: each field's first value ("" when it has none). */
    Map<String, String> configuration(String node) throws Exception {
        PubSub reply = connection.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.get,
                new NodeExtension(PubSubElementType.CONFIGURE_OWNER, node)));
        FormNode form = reply.getExtension(PubSubElementType.CONFIGURE_OWNER);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (form != null && form.getForm() != null) {
            for (FormField field : form.getForm().getFields()) {
                if (field.getFieldName() != null) {
                    String value = field.getFirstValue();
                    out.put(field.getFieldName(), value == null ? "" : value);
                }
            }
        }
        return out;
    }

    /** Changes some options of a node, as its owner (a partial form: other options keep their values). */
    void configure(String node, NodeOptions options) throws Exception {
        connection.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.set,
                new FormNode(FormNodeType.CONFIGURE_OWNER, node, options.toSubmitForm())));
    }

    /** Every affiliation of a node, as its owner sees them. */
    Map<BareJid, Affiliation.Type> affiliations(String node) throws Exception {
        PubSub reply = connection.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.get,
                new AffiliationsExtension(Affiliation.AffiliationNamespace.owner, List.of(), node)));
        Map<BareJid, Affiliation.Type> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> a : ownerList(reply, "affiliations", "affiliation", "affiliation").entrySet()) {
            try {
                out.put(JidCreate.bareFrom(a.getKey()), Affiliation.Type.valueOf(a.getValue()));
            } catch (Exception e) {
                // A JID or affiliation we cannot read is not one we could change either.
            }
        }
        return out;
    }

    /** Every subscriber of a node, as its owner sees them. */
    List<Jid> subscribers(String node) throws Exception {
        PubSub reply = connection.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.get,
                new SubscriptionsExtension(SubscriptionsExtension.SubscriptionsNamespace.owner, node, List.of())));
        List<Jid> out = new ArrayList<>();
        for (Map.Entry<String, String> sub : ownerList(reply, "subscriptions", "subscription", "subscription").entrySet()) {
            if (!"none".equals(sub.getValue())) {
                try {
                    out.add(JidCreate.from(sub.getKey()));
                } catch (Exception e) {
                    // Not a JID we could name in a request either.
                }
            }
        }
        return out;
    }

    /**
     * jid → value of {@code attribute} for each {@code child} of an owner list: Smack 4.4 has no parser for
     * the owner namespace's lists, so they arrive as generic elements.
     */
    private static Map<String, String> ownerList(PubSub reply, String list, String child, String attribute) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ExtensionElement element = reply.getExtension(list, PubSubNamespace.owner.getXmlns());
        if (element instanceof StandardExtensionElement generic) {
            for (StandardExtensionElement entry : generic.getElements(child)) {
                String jid = entry.getAttributeValue("jid");
                String value = entry.getAttributeValue(attribute);
                if (jid != null && value != null) {
                    out.put(jid, value);
                }
            }
        } else if (element instanceof AffiliationsExtension parsed) {
            parsed.getAffiliations().forEach(a -> out.put(String.valueOf(a.getJid()), String.valueOf(a.getAffiliation())));
        } else if (element instanceof SubscriptionsExtension parsed) {
            parsed.getSubscriptions().forEach(s -> out.put(String.valueOf(s.getJid()), String.valueOf(s.getState())));
        }
        return out;
    }

    /** Ends another entity's subscription, as the node's owner. */
    void cancelSubscription(String node, Jid subscriber) throws Exception {
        connection.sendIqRequestAndWaitForResponse(PubSub.createPubsubPacket(service, IQ.Type.set,
                new SubscriptionsExtension(SubscriptionsExtension.SubscriptionsNamespace.owner, node,
                        List.of(new Subscription(subscriber, node, null, Subscription.State.none)))));
    }

    /** Nodes {@code jid} is subscribed to on this service. */
    Set<String> subscribedNodes(EntityBareJid jid) throws Exception {
        PubSub request = new PubSub(service, IQ.Type.get, PubSubNamespace.basic);
        request.addExtension(new NodeExtension(PubSubElementType.SUBSCRIPTIONS));
        PubSub reply = connection.sendIqRequestAndWaitForResponse(request);
        SubscriptionsExtension subs = reply.getExtension(PubSubElementType.SUBSCRIPTIONS);
        Set<String> nodes = new HashSet<>();
        if (subs != null) {
            for (Subscription s : subs.getSubscriptions()) {
                if (s.getState() == Subscription.State.subscribed && jid.equals(s.getJid().asBareJid())) {
                    nodes.add(s.getNode());
                }
            }
        }
        return nodes;
    }

    /** @return the state the service answered with (subscribed, pending, unconfigured); subscribed if it named none */
    Subscription.State subscribe(String node, EntityBareJid jid) throws Exception {
        PubSub request = PubSub.createPubsubPacket(service, IQ.Type.set, new SubscribeExtension(jid, node));
        PubSub reply = connection.sendIqRequestAndWaitForResponse(request);
        Subscription subscription = reply == null ? null : reply.getExtension(PubSubElementType.SUBSCRIPTION);
        return subscription == null || subscription.getState() == null ? Subscription.State.subscribed
                : subscription.getState();
    }

    /** Every item the service keeps on {@code node}. */
    List<? extends Item> items(String node) throws Exception {
        PubSub request = PubSub.createPubsubPacket(service, IQ.Type.get, new GetItemsRequest(node));
        PubSub reply = connection.sendIqRequestAndWaitForResponse(request);
        ItemsExtension items = reply.getExtension(PubSubElementType.ITEMS);
        if (items == null) {
            return List.of();
        }
        List<Item> out = new ArrayList<>();
        for (Object o : items.getItems()) {
            if (o instanceof Item item) {
                out.add(item);
            }
        }
        return out;
    }

    /**
     * What software runs the service, as far as it says: ejabberd's PubSub answers a vCard request with
     * {@code FN=ejabberd/mod_pubsub} (its disco identity is a generic "Publish-Subscribe"); "" if unknown.
     */
    String softwareName() throws Exception {
        VCard request = new VCard();
        request.setTo(service);
        request.setType(IQ.Type.get);
        try {
            IQ reply = connection.sendIqRequestAndWaitForResponse(request);
            if (reply instanceof VCard card) {
                String name = card.getField("FN");
                return name == null ? "" : name;
            }
            return "";
        } catch (XMPPErrorException e) {
            return "";
        }
    }

    /** Every node the service lists (disco#items on the service), for {@code xmpp list nodes}. */
    List<String> nodes() throws Exception {
        List<String> out = new ArrayList<>();
        for (org.jivesoftware.smackx.disco.packet.DiscoverItems.Item item
                : ServiceDiscoveryManager.getInstanceFor(connection).discoverItems(service).getItems()) {
            if (item.getNode() != null) {
                out.add(item.getNode());
            }
        }
        return out;
    }

    /** Removes every item of a node, as its owner (XEP-0060 purge). */
    void purge(String node) throws Exception {
        connection.sendIqRequestAndWaitForResponse(
                PubSub.createPubsubPacket(service, IQ.Type.set, new NodeExtension(PubSubElementType.PURGE_OWNER, node)));
    }

    /** Deletes a node, as its owner. */
    void delete(String node) throws Exception {
        connection.sendIqRequestAndWaitForResponse(
                PubSub.createPubsubPacket(service, IQ.Type.set, new NodeExtension(PubSubElementType.DELETE, node)));
    }

    /**
     * The PubSub service of another domain: the first of its disco#items whose identity is pubsub/service
     * (XEP-0060 4.1); empty when it lists none. Asked across s2s.
     */
    Optional<BareJid> pubsubServiceOf(org.jxmpp.jid.DomainBareJid domain) throws Exception {
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(connection);
        for (DiscoverInfo info : disco.findServicesDiscoverInfo(domain,
                org.jivesoftware.smackx.pubsub.packet.PubSubNamespace.basic.getXmlns(), false, false, null)) {
            if (info.hasIdentity("pubsub", "service")) {
                return Optional.of(info.getFrom().asBareJid());
            }
        }
        return Optional.empty();
    }

    /**
     * What the service supports and which server runs it: its disco#info (features, identity names), the
     * XEP-0092 version of the account's server, and the vCard ejabberd's PubSub answers with. A question the
     * server does not answer is left out; a service that answers no disco#info is {@link ServiceFeatures#unknown()}.
     */
    ServiceFeatures discover() throws Exception {
        List<String> names = new ArrayList<>();
        DiscoverInfo info;
        try {
            info = ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(service);
        } catch (XMPPErrorException e) {
            info = null;
        }
        org.jxmpp.jid.DomainBareJid versionSource = JidCreate.domainBareFrom(ServerSoftware.versionSourceOf(
                service.toString(), connection.getXMPPServiceDomain().toString()));
        try {
            org.jivesoftware.smackx.iqversion.packet.Version version =
                    org.jivesoftware.smackx.iqversion.VersionManager.getInstanceFor(connection)
                            .getVersion(versionSource);
            if (version != null && version.getName() != null) {
                names.add(version.getName() + (version.getVersion() == null ? "" : " " + version.getVersion()));
            }
        } catch (XMPPErrorException | org.jivesoftware.smack.SmackException.NoResponseException e) {
            // No XEP-0092 there (prosody without mod_version), or no answer across s2s: the identity and vCard
            // may say.
            LOG.debug("no software version from {}: {}", versionSource, e.toString());
        }
        if (info != null) {
            info.getIdentities().forEach(identity -> names.add(identity.getName()));
        }
        names.add(softwareName());
        ServerSoftware software = ServerSoftware.recognise(names);
        if (info == null) {
            return new ServiceFeatures(java.util.Set.of(), software, false);
        }
        List<String> features = new ArrayList<>();
        info.getFeatures().forEach(f -> features.add(f.getVar()));
        return ServiceFeatures.of(features, software);
    }

    /** Whether the service announces XEP-0248 collections. */
    boolean supportsCollections() throws Exception {
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(connection).discoverInfo(service);
        return info.containsFeature("http://jabber.org/protocol/pubsub#collections");
    }
}
