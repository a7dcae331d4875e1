package org.statefed.xmpp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * The configuration statefed asks for when it creates a node: whitelist access (only affiliated sites
 * may subscribe), only publishers publish, items persisted with room for one item per device, the
 * publisher's JID on each item (so a receiver can tell who published in the shared layout), and events
 * delivered to every subscriber whether or not the server has seen its presence. Servers
 * differ in which options they accept, so {@link #fallbacks()} gives smaller forms to retry with;
 * whatever the server keeps, resync stays complete because peers republish on request.
 */
record NodeOptions(Map<String, String> fields) {
    static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#node_config";

    NodeOptions {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * @param persist whether the server should keep items (for resync); off for shared nodes on servers
     *     that let only an item's first publisher overwrite a persisted item (ejabberd)
     */
    static NodeOptions forStatefed(int maxItems, boolean persist) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("pubsub#access_model", "whitelist");
        f.put("pubsub#publish_model", "publishers");
        f.put("pubsub#persist_items", persist ? "1" : "0");
        f.put("pubsub#max_items", Integer.toString(maxItems));
        f.put("pubsub#send_last_published_item", "never");
        f.put("pubsub#deliver_payloads", "1");
        f.put("pubsub#itemreply", "publisher");
        // ejabberd's PEP nodes default to presence-based delivery, which it judges from its own sessions only:
        // a subscriber on another server (s2s) never gets an event through its subscription, only through the
        // +notify of its entity caps, and that races with the buddies' first presence exchange (an MWI change
        // reached one of two federated buddies). Access stays as the access model says.
        f.put("pubsub#presence_based_delivery", "0");
        return new NodeOptions(f);
    }

    /**
     * Smaller option sets to try when a server rejects the full one, most important options kept
     * longest: without the extras; without max_items (prosody refuses more than its pubsub_max_items,
     * default 20); only access and publish model (the security-relevant two); nothing.
     */
    List<NodeOptions> fallbacks() {
        return List.of(
                only("pubsub#access_model", "pubsub#publish_model", "pubsub#persist_items", "pubsub#max_items"),
                only("pubsub#access_model", "pubsub#publish_model", "pubsub#persist_items"),
                only("pubsub#access_model", "pubsub#publish_model"),
                new NodeOptions(Map.of()));
    }

    private NodeOptions only(String... keys) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String key : keys) {
            if (fields.containsKey(key)) {
                kept.put(key, fields.get(key));
            }
        }
        return new NodeOptions(kept);
    }

    /** These options with another {@code pubsub#access_model}. */
    NodeOptions withAccessModel(String model) {
        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put("pubsub#access_model", model);
        return new NodeOptions(changed);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    DataForm toSubmitForm() {
        DataForm.Builder form = DataForm.builder(DataForm.Type.submit).setFormType(FORM_TYPE);
        fields.forEach((k, v) -> form.addField(FormField.textSingleBuilder(k).setValue(v).build()));
        return form.build();
    }
}
