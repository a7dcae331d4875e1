package org.statefed.corosync.codec;

import java.util.Objects;

/**
 * A well-formed event that res_corosync receivers do not act on, so neither does statefed: today only
 * the {@link DeviceStateAggregate}. Kept apart from rejections: it is normal traffic, not an error.
 *
 * @param event the decoded event
 * @param why why it is ignored, for a debug line
 */
public record IgnoredEvent(CorosyncEvent event, String why) implements DecodedEvent {

    public IgnoredEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(why, "why");
    }
}
