package org.statefed.xmpp;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a PubSub service says it supports (its disco#info features, XEP-0060 section 10) and which server
 * runs it; learned once per session. A service that answered nothing is {@link #unknown()}: statefed then
 * asks for what it wants and checks what the server stored.
 *
 * @param features the PubSub features, without the {@code http://jabber.org/protocol/pubsub#} prefix
 * @param software the server running the service
 * @param answered whether the service answered disco#info at all
 */
record ServiceFeatures(Set<String> features, ServerSoftware software, boolean answered) {
    static final String PREFIX = "http://jabber.org/protocol/pubsub#";

    ServiceFeatures {
        Objects.requireNonNull(software, "software");
        features = Set.copyOf(features);
    }

    static ServiceFeatures unknown() {
        return new ServiceFeatures(Set.of(), ServerSoftware.unknown(), false);
    }

    /** From full feature URIs as disco#info lists them; other namespaces are skipped. */
    static ServiceFeatures of(Iterable<String> featureUris, ServerSoftware software) {
        Set<String> out = new TreeSet<>();
        for (String uri : featureUris) {
            if (uri.startsWith(PREFIX)) {
                out.add(uri.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
            }
        }
        return new ServiceFeatures(out, software, true);
    }

    boolean has(String feature) {
        return features.contains(feature);
    }

    /**
     * Whether the service may hold the given affiliation for buddies: it lists the feature, or it answered
     * nothing (then the read-back decides).
     */
    boolean offersAffiliation(String affiliation) {
        return !answered || has(affiliation + "-affiliation");
    }

    /**
     * Whether the service offers an access model. prosody lists only its default model ({@code access-open}
     * on a component) though it enforces all of them, so a list of fewer than two models says nothing.
     */
    boolean offersAccessModel(String model) {
        long listed = features.stream().filter(f -> f.startsWith("access-")).count();
        return !answered || listed < 2 || has("access-" + model);
    }

    /** Whether node configuration may be sent (create-and-configure, config-node); assumed when unknown. */
    boolean configurable() {
        return !answered || has("config-node") || has("create-and-configure");
    }

    /** One line for the log: server and the features statefed's choice depends on. */
    String summary() {
        if (!answered) {
            return software.name() + ", features unknown (disco#info not answered)";
        }
        StringBuilder sb = new StringBuilder(software.name()).append(": ");
        for (String f : new String[] {"member-affiliation", "publisher-affiliation", "outcast-affiliation",
                "publish-options", "persistent-items", "config-node"}) {
            sb.append(f).append(has(f) ? "=yes " : "=no ");
        }
        sb.append("access models ").append(features.stream().filter(f -> f.startsWith("access-"))
                .map(f -> f.substring("access-".length())).toList());
        return sb.toString();
    }
}
