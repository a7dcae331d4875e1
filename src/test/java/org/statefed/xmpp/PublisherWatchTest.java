package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;
import org.statefed.config.PubsubLayout;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.wire.DeviceStateElement;

class PublisherWatchTest {
    private static final WatchedNode SHARED = new WatchedNode("device_state", NodeKind.DEVICE_STATE, Optional.empty());
    private static final DeviceStateElement BUSY =
            new DeviceStateElement(DeviceState.BUSY, EntityId.parse("00:11:22:33:44:02"), true);

    private final List<String> warnings = new ArrayList<>();
    private final PublisherWatch watch = new PublisherWatch("asterisk", PubsubLayout.ASTERISK, "pubsub.localhost",
            warnings::add);

    @Test
    void itemsWithoutPublisherAreReportedOnceWithTheFixForTheServer() {
        watch.serverSoftware("Prosody");
        for (int i = 0; i < 5; i++) {
            watch.observed(ReceivedItem.live(SHARED, "SIP/" + i, BUSY));
        }
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("[asterisk] items on the shared nodes arrive from pubsub.localhost without publisher")
                .contains("its states are never dropped when it dies")
                .endsWith("Fix: add expose_publisher = true to the pubsub Component section of prosody.cfg.lua and "
                        + "restart prosody"));
        assertThat(watch.publisherMissing()).isTrue();
    }

    @Test
    void itemsWithPublisherOrWithoutPayloadSayNothing() {
        watch.observed(ReceivedItem.live(SHARED, "SIP/1", BUSY,
                Optional.of(JidCreate.entityBareFromOrThrowUnchecked("site2@localhost"))));
        watch.observed(ReceivedItem.live(SHARED, "SIP/2", null));
        assertThat(warnings).isEmpty();
        assertThat(watch.publisherMissing()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "PER_SITE|Prosody|could publish states in a site's name|expose_publisher = true",
        "ASTERISK|Openfire|stays unknown|Openfire never names the publisher",
        "ASTERISK|ejabberd|stays unknown|(xmpp delete node)",
        "PER_SITE|''|could publish states in a site's name|prosody: expose_publisher = true",
    })
    void explanationNamesTheMissingGuaranteeAndTheFix(PubsubLayout layout, String software, String cost, String fix) {
        assertThat(PublisherWatch.explanation(layout, "pubsub.example.com", software)).contains(cost).contains(fix);
    }
}
