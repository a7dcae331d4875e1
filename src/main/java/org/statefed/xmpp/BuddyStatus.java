package org.statefed.xmpp;

import java.util.List;
import java.util.Objects;

import org.jxmpp.jid.EntityBareJid;

/**
 * What is known of one buddy: its online resources, empty when it is offline.
 *
 * @param jid the buddy's bare JID
 * @param resources online resources, sorted by name
 */
public record BuddyStatus(EntityBareJid jid, List<BuddyResource> resources) {
    public BuddyStatus {
        Objects.requireNonNull(jid, "jid");
        resources = List.copyOf(resources);
    }

    public boolean online() {
        return !resources.isEmpty();
    }
}
