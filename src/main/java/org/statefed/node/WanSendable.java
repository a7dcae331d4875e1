package org.statefed.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.statefed.state.EntityId;

/**
 * The keys (device or mailbox name) of the table entries a WAN link may carry, by entity id: those learned
 * locally or on a LAN link, which are this site's own and the ones it bridges. A WAN link's republish and
 * refresh answer read these instead of the whole table: at 50 sites × 1000 devices a site holds 50 000
 * entries, of which it publishes 1000. A superset is harmless (each entry is checked again against the
 * forwarding rules when read); a missing key is not, so every change and removal passes through here,
 * under the table's lock for that key.
 */
final class WanSendable {
    private final Map<EntityId, Set<String>> keys = new ConcurrentHashMap<>();

    /** Records where an entry now comes from: kept if locally or on a LAN, dropped if the WAN took it over. */
    void changed(String key, EntityId eid, Reach from) {
        if (from == Reach.LOCAL || from == Reach.LAN) {
            keys.computeIfAbsent(eid, e -> ConcurrentHashMap.newKeySet()).add(key);
        } else {
            removed(key, eid);
        }
    }

    void removed(String key, EntityId eid) {
        Set<String> of = keys.get(eid);
        if (of != null) {
            of.remove(key);
        }
    }

    /** Every (entity id, key) recorded, a moment's view. */
    List<Map.Entry<EntityId, String>> entries() {
        List<Map.Entry<EntityId, String>> out = new ArrayList<>();
        keys.forEach((eid, of) -> of.forEach(key -> out.add(Map.entry(eid, key))));
        return out;
    }
}
