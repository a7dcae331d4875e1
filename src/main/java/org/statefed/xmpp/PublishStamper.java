package org.statefed.xmpp;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.statefed.wire.DeviceStateElement;
import org.statefed.wire.MailboxElement;
import org.statefed.wire.PublishTime;

/**
 * Stamps each device state and mailbox payload with the time it is sent ({@code sf:published}), so a statefed
 * peer can measure propagation. Stamped here, after coalescing, so the time is the send's and each retry
 * carries its own; other payloads pass unchanged.
 */
final class PublishStamper implements ItemSender {
    private final ItemSender sender;
    private final Clock clock;

    PublishStamper(ItemSender sender, Clock clock) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<Void> publish(PublishKey key, ExtensionElement payload) {
        return sender.publish(key, stamped(payload));
    }

    private ExtensionElement stamped(ExtensionElement payload) {
        if (payload instanceof DeviceStateElement state) {
            return state.publishedAt(PublishTime.at(clock.instant()));
        }
        if (payload instanceof MailboxElement mailbox) {
            return mailbox.publishedAt(PublishTime.at(clock.instant()));
        }
        return payload;
    }
}
