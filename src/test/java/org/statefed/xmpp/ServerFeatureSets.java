package org.statefed.xmpp;

import java.util.ArrayList;
import java.util.List;

/**
 * The PubSub features servers list in disco#info on their PubSub service (without the
 * {@code http://jabber.org/protocol/pubsub#} prefix). prosody 0.12 from its source (mod_pubsub's
 * {@code get_feature_set}: only the default access model, {@code access-open}); ejabberd 23.01 from its
 * plugins' feature lists. Both agree with the summary line the Debian packages give in ServerLayoutsIT
 * (affiliations, publish-options, persistent-items, config-node, access models). Openfire 5.1.1 as issue 13
 * describes it (publisher and outcast affiliations, no member); Tigase 8 from its documentation. Neither of
 * the last two was captured from a running server.
 */
final class ServerFeatureSets {
    static final List<String> PROSODY = List.of("access-open", "config-node", "config-node-max", "create-and-configure",
            "create-nodes", "delete-items", "delete-nodes", "instant-nodes", "item-ids", "member-affiliation",
            "meta-data", "modify-affiliations", "multi-items", "outcast-affiliation", "persistent-items", "publish",
            "publish-only-affiliation", "publish-options", "publisher-affiliation", "purge-nodes", "retract-items",
            "retrieve-default", "retrieve-items", "retrieve-subscriptions", "subscribe", "subscription-options");
    static final List<String> EJABBERD = List.of("access-authorize", "access-open", "access-presence",
            "access-whitelist", "auto-create", "auto-subscribe", "config-node", "create-and-configure",
            "create-nodes", "delete-items", "delete-nodes", "get-pending", "instant-nodes", "item-ids",
            "manage-subscriptions", "member-affiliation", "modify-affiliations", "multi-items", "multi-subscribe",
            "outcast-affiliation", "persistent-items", "presence-notifications", "presence-subscribe", "publish",
            "publish-only-affiliation", "publish-options", "publisher-affiliation", "purge-nodes", "retract-items",
            "retrieve-affiliations", "retrieve-items", "retrieve-subscriptions", "subscribe",
            "subscription-notifications", "subscription-options");
    static final List<String> OPENFIRE = List.of("access-authorize", "access-open", "access-presence", "access-roster",
            "access-whitelist", "collections", "config-node", "create-and-configure", "create-nodes", "delete-items",
            "delete-nodes", "get-pending", "instant-nodes", "item-ids", "manage-subscriptions", "meta-data",
            "modify-affiliations", "multi-subscribe", "outcast-affiliation", "persistent-items",
            "presence-notifications", "publish", "publisher-affiliation", "purge-nodes", "retract-items",
            "retrieve-affiliations", "retrieve-default", "retrieve-items", "retrieve-subscriptions", "subscribe",
            "subscription-options");
    static final List<String> TIGASE = List.of("access-authorize", "access-open", "access-presence", "access-roster",
            "access-whitelist", "collections", "config-node", "create-and-configure", "create-nodes", "delete-items",
            "delete-nodes", "get-pending", "instant-nodes", "item-ids", "manage-subscriptions",
            "member-affiliation", "meta-data", "modify-affiliations", "multi-subscribe", "outcast-affiliation",
            "persistent-items", "presence-notifications", "publish", "publish-options", "publisher-affiliation",
            "purge-nodes", "retract-items", "retrieve-affiliations", "retrieve-default", "retrieve-items",
            "retrieve-subscriptions", "subscribe", "subscription-options");

    private ServerFeatureSets() {
    }

    /** As disco#info lists them: full URIs, plus a non-PubSub feature that must be ignored. */
    static List<String> uris(List<String> features) {
        List<String> out = new ArrayList<>();
        out.add("http://jabber.org/protocol/disco#info");
        features.forEach(f -> out.add(ServiceFeatures.PREFIX + f));
        return out;
    }

    /** {@code features} without the ones named. */
    static List<String> without(List<String> features, String... removed) {
        List<String> out = new ArrayList<>(features);
        out.removeAll(List.of(removed));
        return out;
    }
}
