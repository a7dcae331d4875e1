package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.junit.jupiter.api.Test;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.MutableClock;
import org.statefed.wire.DeviceStateElement;
import org.statefed.wire.MailboxElement;
import org.statefed.wire.PublishTime;
import org.statefed.wire.RefreshRequestElement;

class PublishStamperTest {
    private static final EntityId OWN = EntityId.parse("00:11:22:33:44:01");
    private static final PublishKey KEY = PublishKey.of("device_state", "SIP/1", OWN, OWN);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00.123Z"));
    private final List<ExtensionElement> sent = new ArrayList<>();
    private final PublishStamper stamper = new PublishStamper((key, payload) -> {
        sent.add(payload);
        return CompletableFuture.completedFuture(null);
    }, clock);

    @Test
    void statesAndMailboxesAreStampedWithTheTimeEachIsSent() {
        DeviceStateElement state = new DeviceStateElement(DeviceState.INUSE, OWN, true);

        stamper.publish(KEY, state);
        clock.advance(Duration.ofMillis(250));
        stamper.publish(KEY, state);
        stamper.publish(KEY, new MailboxElement(OWN, 2, 1));

        assertThat(sent).containsExactly(
                state.publishedAt(PublishTime.at(Instant.parse("2026-11-30T10:00:00.123Z"))),
                state.publishedAt(PublishTime.at(Instant.parse("2026-11-30T10:00:00.373Z"))),
                new MailboxElement(OWN, 2, 1).publishedAt(PublishTime.at(Instant.parse("2026-11-30T10:00:00.373Z"))));
    }

    @Test
    void aRefreshRequestPassesUnchanged() {
        RefreshRequestElement refresh = new RefreshRequestElement(OWN, "n1");

        stamper.publish(KEY, refresh);

        assertThat(sent).containsExactly(refresh);
    }
}
