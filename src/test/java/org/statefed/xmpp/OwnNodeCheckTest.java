package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OwnNodeCheckTest {

    @Test
    void onlyOptionsTheServerReportsWithAnotherValueAreDifferences() {
        Map<String, String> current = Map.of(
                "pubsub#access_model", "open",
                "pubsub#publish_model", "publishers",
                "pubsub#persist_items", "true",
                "pubsub#max_items", "20");
        Map<String, String> wanted = NodeOptions.forStatefed(10_000, true).fields();
        assertThat(OwnNodeCheck.differences(current, wanted)).containsExactly(
                Map.entry("pubsub#access_model", "whitelist"), Map.entry("pubsub#max_items", "10000"));
    }

    @Test
    void aNodeAsStatefedCreatesItHasNoDifferences() {
        Map<String, String> wanted = NodeOptions.forStatefed(10_000, false).fields();
        Map<String, String> current = new java.util.HashMap<>(wanted);
        current.put("pubsub#persist_items", "false");
        current.put("pubsub#title", "anything");
        assertThat(OwnNodeCheck.differences(current, wanted)).isEmpty();
    }
}
