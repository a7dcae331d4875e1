package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.Test;

class NodeOptionsTest {
    @Test
    void fullFormAsksForWhitelistPublishersPersistenceAndRoomForEveryDevice() {
        NodeOptions options = NodeOptions.forStatefed(10_000, true);
        assertThat(options.fields()).containsEntry("pubsub#access_model", "whitelist")
                .containsEntry("pubsub#publish_model", "publishers")
                .containsEntry("pubsub#persist_items", "1")
                .containsEntry("pubsub#max_items", "10000")
                .containsEntry("pubsub#itemreply", "publisher")
                .containsEntry("pubsub#presence_based_delivery", "0");
        assertThat(NodeOptions.forStatefed(5, false).fields()).containsEntry("pubsub#persist_items", "0");
    }

    @Test
    void fallbacksDropTheLeastImportantOptionsFirstAndKeepAccessControlLongest() {
        List<NodeOptions> fallbacks = NodeOptions.forStatefed(10_000, true).fallbacks();
        assertThat(fallbacks).extracting(o -> List.copyOf(o.fields().keySet())).containsExactly(
                List.of("pubsub#access_model", "pubsub#publish_model", "pubsub#persist_items", "pubsub#max_items"),
                List.of("pubsub#access_model", "pubsub#publish_model", "pubsub#persist_items"),
                List.of("pubsub#access_model", "pubsub#publish_model"),
                List.of());
    }

    @Test
    void submitFormCarriesTheNodeConfigFormTypeAndEveryField() {
        DataForm form = NodeOptions.forStatefed(20, true).toSubmitForm();
        assertThat(form.getType()).isEqualTo(DataForm.Type.submit);
        assertThat(form.getFormType()).isEqualTo(NodeOptions.FORM_TYPE);
        assertThat(form.getField("pubsub#max_items").getFirstValue()).isEqualTo("20");
        assertThat(form.getField("pubsub#access_model").getFirstValue()).isEqualTo("whitelist");
    }
}
