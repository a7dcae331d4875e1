package org.statefed.config;

import java.util.Locale;

/**
 * What a Corosync link may publish to or subscribe from its CPG group: the values of res_corosync.conf's
 * {@code publish_event} and {@code subscribe_event}. Asterisk always exchanges {@code ping} and
 * {@code cluster_discovery} as well; they are not configurable there either.
 */
public enum CorosyncEventType {
    MWI, DEVICE_STATE;

    /** The word in the file, e.g. {@code device_state}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
