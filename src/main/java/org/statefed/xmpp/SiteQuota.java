package org.statefed.xmpp;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import org.statefed.state.EntityId;

/**
 * How many devices and mailboxes one remote site (entity id) may have in our tables
 * ({@code max_devices_per_site}, {@code max_mailboxes_per_site}): 400 000 distinct items from one buddy
 * cost 103 MB of heap. Updates of an entry the site already has are always admitted; a new entry beyond
 * the cap is refused. Entries the tables dropped since (a stale site) are forgotten when the cap is reached.
 */
final class SiteQuota {
    private final int max;
    private final BiPredicate<String, EntityId> inTable;
    private final Map<EntityId, Set<String>> keysBySite = new HashMap<>();

    /**
     * @param max the cap per site
     * @param inTable whether the table still holds this key for this site
     */
    SiteQuota(int max, BiPredicate<String, EntityId> inTable) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.max = max;
        this.inTable = inTable;
    }

    int max() {
        return max;
    }

    /** Whether {@code key} from {@code site} may be applied; if so it counts against the site's cap. */
    synchronized boolean admits(EntityId site, String key) {
        Set<String> keys = keysBySite.computeIfAbsent(site, s -> new HashSet<>());
        if (keys.contains(key)) {
            return true;
        }
        if (keys.size() >= max) {
            keys.removeIf(k -> !inTable.test(k, site));
        }
        if (keys.size() >= max) {
            return false;
        }
        keys.add(key);
        return true;
    }
}
