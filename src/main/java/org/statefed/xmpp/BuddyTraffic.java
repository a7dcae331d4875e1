package org.statefed.xmpp;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jxmpp.jid.EntityBareJid;

/**
 * How many stanzas of each buddy's own have arrived on our connection: the items of its nodes and the pings
 * it sends us, counted where they arrive (Smack's threads), before they wait in our merge queue. A ping
 * the buddy missed while its stanzas kept arriving was late, not lost: its answer waits in the same queue
 * on the server as the items did (a 10-site storm on prosody kept answers 15 s behind and had 108 buddies
 * falsely judged silent).
 *
 * <p>Only configured buddies are counted: the map never grows with what the network sends.
 */
final class BuddyTraffic {
    private final Map<EntityBareJid, AtomicLong> heard;

    BuddyTraffic(Collection<EntityBareJid> buddies) {
        Map<EntityBareJid, AtomicLong> counts = new java.util.HashMap<>();
        buddies.forEach(b -> counts.put(b, new AtomicLong()));
        this.heard = Map.copyOf(counts);
    }

    /** A stanza of {@code buddy}'s arrived; anyone else is ignored. Any thread, lock-free. */
    void heard(EntityBareJid buddy) {
        AtomicLong count = buddy == null ? null : heard.get(buddy);
        if (count != null) {
            count.incrementAndGet();
        }
    }

    /** A value that changes whenever a stanza of {@code buddy}'s arrives. */
    long mark(EntityBareJid buddy) {
        AtomicLong count = heard.get(buddy);
        return count == null ? 0 : count.get();
    }
}
