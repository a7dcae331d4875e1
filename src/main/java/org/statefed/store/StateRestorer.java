package org.statefed.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.statefed.state.DeviceStateTable;
import org.statefed.state.EntityId;
import org.statefed.state.MwiTable;

/**
 * Puts what the state file held back into the tables before the node connects. An entry is left out
 * when it can no longer be right: it is under an entity id this node used before its entityid was
 * changed, or it came from a buddy that is no longer configured. Entries of sites whose buddy was never
 * known are kept, as they are while running.
 */
public final class StateRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(StateRestorer.class);

    /**
     * What was restored.
     *
     * @param devices device entries put back
     * @param mailboxes mailbox entries put back
     * @param dropped entries left out (see the class comment)
     * @param sites the buddy of each restored remote entity id, to be told to the connections so that
     *     a site that does not come back goes stale
     * @param oldest when the oldest restored entry was last updated, if any was restored
     */
    public record Restored(int devices, int mailboxes, int dropped, Map<EntityId, String> sites,
            Optional<Instant> oldest) {
        public Restored {
            sites = Map.copyOf(sites);
        }
    }

    private StateRestorer() {
    }

    /**
     * @param own this node's entity id
     * @param isBuddy whether a JID (as stored) is a buddy of some configured account
     */
    public static Restored restore(StoredState state, EntityId own, Predicate<String> isBuddy,
            DeviceStateTable devices, MwiTable mailboxes, Clock clock, String file) {
        Optional<EntityId> formerOwn = state.entityId().filter(eid -> !eid.equals(own));
        Predicate<EntityId> keep = eid -> eid.equals(own)
                || (!formerOwn.equals(Optional.of(eid)) && Optional.ofNullable(state.sites().get(eid)).map(isBuddy::test)
                        .orElse(true));
        int d = 0;
        int m = 0;
        int dropped = 0;
        Map<EntityId, String> sites = new HashMap<>();
        Instant oldest = null;
        for (StoredDevice device : state.devices()) {
            if (!keep.test(device.eid())) {
                dropped++;
            } else if (devices.restore(device.device(), device.eid(), device.state(), device.cachable(),
                    device.updatedAt())) {
                d++;
                oldest = oldest == null || device.updatedAt().isBefore(oldest) ? device.updatedAt() : oldest;
                remember(state, device.eid(), own, sites);
            }
        }
        // Oldest first: the most recently received counts of a mailbox are its effective ones again.
        for (StoredMailbox mailbox : state.mailboxes().stream()
                .sorted(Comparator.comparing(StoredMailbox::updatedAt)).toList()) {
            if (!keep.test(mailbox.eid())) {
                dropped++;
            } else if (mailboxes.restore(mailbox.mailbox(), mailbox.eid(), mailbox.counts(), mailbox.updatedAt())) {
                m++;
                oldest = oldest == null || mailbox.updatedAt().isBefore(oldest) ? mailbox.updatedAt() : oldest;
                remember(state, mailbox.eid(), own, sites);
            }
        }
        Restored restored = new Restored(d, m, dropped, sites, Optional.ofNullable(oldest));
        log(restored, state, formerOwn, clock, file);
        return restored;
    }

    private static void remember(StoredState state, EntityId eid, EntityId own, Map<EntityId, String> sites) {
        String site = state.sites().get(eid);
        if (!eid.equals(own) && site != null) {
            sites.put(eid, site);
        }
    }

    private static void log(Restored restored, StoredState state, Optional<EntityId> formerOwn, Clock clock,
            String file) {
        if (restored.devices() + restored.mailboxes() == 0 && restored.dropped() == 0) {
            LOG.info("state_file {}: nothing to restore", file);
            return;
        }
        Set<EntityId> eids = new java.util.TreeSet<>();
        state.devices().forEach(d -> eids.add(d.eid()));
        state.mailboxes().forEach(mb -> eids.add(mb.eid()));
        LOG.info("state_file {}: restored {} device states and {} mailboxes of {} sites (oldest {} s old); they count "
                + "until the sites confirm or replace them, and a site that stays away goes stale", file,
                restored.devices(), restored.mailboxes(), eids.size(),
                restored.oldest().map(t -> Math.max(0, Duration.between(t, clock.instant()).toSeconds())).orElse(0L));
        if (restored.dropped() > 0) {
            LOG.info("state_file {}: left out {} entries of sites that are no longer buddies{}", file,
                    restored.dropped(), formerOwn.map(eid -> " or of this node's former entity id " + eid).orElse(""));
        }
    }
}
