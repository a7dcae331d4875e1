package org.statefed.xmpp;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jxmpp.jid.EntityBareJid;
import org.statefed.state.EntityId;

/**
 * Items a buddy published under an entity id nobody speaks for yet, kept a short while: a bridge publishes
 * the first state of a newly bridged entity id right after the presence that announces it, and the item
 * may still win that race (another server, another route). When the presence binds the id, the held items
 * are applied at once instead of waiting for a refresh round trip. Bounded in count and age; only the
 * newest item per (buddy, node, item id, entity id) is kept. Used on the merge thread only.
 */
final class RefusedItems {
    /** Long enough for a presence that trails its first item; short enough that nothing old is applied. */
    static final Duration HOLD = Duration.ofSeconds(10);
    static final int MAX_ITEMS = 1_000;

    private record Key(EntityBareJid buddy, String node, String itemId, EntityId eid) {
    }

    private record Held(ReceivedItem item, long heldAtMillis) {
    }

    private final Clock clock;
    private final int maxItems;
    private final Map<Key, Held> held = new LinkedHashMap<>();

    RefusedItems(Clock clock) {
        this(clock, MAX_ITEMS);
    }

    RefusedItems(Clock clock, int maxItems) {
        if (maxItems < 0) {
            throw new IllegalArgumentException("maxItems must not be negative: " + maxItems);
        }
        this.clock = clock;
        this.maxItems = maxItems;
    }

    /** Keeps nothing: for mergers that do not wait for presences. */
    static RefusedItems none() {
        return new RefusedItems(Clock.systemUTC(), 0);
    }

    void hold(EntityBareJid buddy, EntityId eid, ReceivedItem item) {
        if (maxItems == 0) {
            return;
        }
        expire();
        Key key = new Key(buddy, item.node().node(), item.itemId(), eid);
        held.remove(key);
        if (held.size() >= maxItems) {
            Iterator<Key> oldest = held.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        held.put(key, new Held(item, clock.millis()));
    }

    /** The held items of {@code buddy} under entity ids it now speaks for, oldest first; they are let go. */
    List<ReceivedItem> release(EntityBareJid buddy, Set<EntityId> bound) {
        expire();
        List<ReceivedItem> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Held>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Held> e = it.next();
            if (e.getKey().buddy().equals(buddy) && bound.contains(e.getKey().eid())) {
                out.add(e.getValue().item());
                it.remove();
            }
        }
        return out;
    }

    int size() {
        return held.size();
    }

    private void expire() {
        long oldest = clock.millis() - HOLD.toMillis();
        held.values().removeIf(h -> h.heldAtMillis() < oldest);
    }
}
