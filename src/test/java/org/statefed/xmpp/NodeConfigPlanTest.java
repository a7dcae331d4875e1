package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeConfigPlanTest {

    private static ServiceFeatures service(String software, List<String> features) {
        return ServiceFeatures.of(ServerFeatureSets.uris(features), ServerSoftware.recognise(List.of(software)));
    }

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of("Prosody PubSub Service", ServerFeatureSets.PROSODY, "whitelist+member", "whitelist+publisher"),
                Arguments.of("ejabberd/mod_pubsub", ServerFeatureSets.EJABBERD, "whitelist+member", "whitelist+publisher"),
                Arguments.of("Openfire 5.1.1", ServerFeatureSets.OPENFIRE, "presence", "whitelist+publisher"),
                Arguments.of("Tigase 8.3.0", ServerFeatureSets.TIGASE, "whitelist+member", "whitelist+publisher"),
                // Openfire with presence access switched off: buddies must be publishers to read at all.
                Arguments.of("Openfire 5.1.1", ServerFeatureSets.without(ServerFeatureSets.OPENFIRE, "access-presence"),
                        "whitelist+publisher", "whitelist+publisher"),
                // A service that lists no affiliations at all (and several access models, whitelist not among them).
                Arguments.of("someserver", List.of("access-open", "access-authorize", "publish"), "open", "open"));
    }

    @ParameterizedTest(name = "{0}: per-site {2}, shared {3}")
    @MethodSource("servers")
    void theBestPlanIsWhatTheServerOffers(String software, List<String> features, String perSite, String shared) {
        ServiceFeatures service = service(software, features);
        assertThat(NodeConfigPlan.candidates(service, true).get(0).name()).isEqualTo(perSite);
        assertThat(NodeConfigPlan.candidates(service, false).get(0).name()).isEqualTo(shared);
    }

    @Test
    void openfireGetsPresenceAccessAndIsToldWhatThatExposes() {
        NodeConfigPlan plan = NodeConfigPlan.candidates(service("Openfire 5.1.1", ServerFeatureSets.OPENFIRE), true).get(0);
        assertThat(plan.accessModel()).isEqualTo("presence");
        assertThat(plan.buddyAffiliation()).isEmpty();
        assertThat(plan.complete()).isFalse();
        assertThat(plan.lost()).isEqualTo("only buddies read");
        assertThat(plan.exposed()).contains("presence subscription");
        assertThat(plan.options(10_000, true).fields()).containsEntry("pubsub#access_model", "presence")
                .containsEntry("pubsub#publish_model", "publishers");
    }

    @Test
    void aServiceThatSaysNothingGetsEveryPlanInOrderSoTheReadBackDecides() {
        assertThat(NodeConfigPlan.candidates(ServiceFeatures.unknown(), true)).extracting(NodeConfigPlan::name)
                .containsExactly("whitelist+member", "whitelist+publisher", "open");
    }

    @Test
    void prosodyListingOnlyItsDefaultAccessModelStillGetsWhitelist() {
        ServiceFeatures prosody = service("Prosody PubSub Service", ServerFeatureSets.PROSODY);
        assertThat(prosody.offersAccessModel("whitelist")).isTrue();
        // presence is not offered on prosody's component (it has no roster there): never chosen.
        assertThat(NodeConfigPlan.candidates(prosody, true)).extracting(NodeConfigPlan::name)
                .doesNotContain("presence");
    }
}
