package org.statefed.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code type = corosync} section: a link to the Asterisk servers ({@code res_corosync}) of one
 * Corosync CPG group on this site's LAN.
 *
 * @param name the section name, e.g. {@code corosync}
 * @param group the CPG group name, {@code asterisk} as res_corosync joins unless set
 * @param publish the events sent to the group ({@code publish_event}, repeatable), in Asterisk's order
 * @param subscribe the events taken from the group ({@code subscribe_event}, repeatable), in Asterisk's order
 */
public record CorosyncConfig(String name, String group, Set<CorosyncEventType> publish,
        Set<CorosyncEventType> subscribe) {
    /** The {@code type} of the section. */
    public static final String TYPE = "corosync";
    /** The group res_corosync joins (its name is fixed there). */
    public static final String DEFAULT_GROUP = "asterisk";

    public CorosyncConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        publish = ordered(publish);
        subscribe = ordered(subscribe);
    }

    public boolean publishes(CorosyncEventType event) {
        return publish.contains(event);
    }

    public boolean subscribes(CorosyncEventType event) {
        return subscribe.contains(event);
    }

    private static Set<CorosyncEventType> ordered(Set<CorosyncEventType> events) {
        EnumSet<CorosyncEventType> copy = EnumSet.noneOf(CorosyncEventType.class);
        copy.addAll(events);
        return Collections.unmodifiableSet(copy);
    }
}
