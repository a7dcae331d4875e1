package org.statefed.web;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.statefed.node.LinkStatus;
import org.statefed.state.DeviceSnapshot;
import org.statefed.state.DeviceState;
import org.statefed.state.EntityId;
import org.statefed.state.EntrySnapshot;
import org.statefed.state.HintSnapshot;
import org.statefed.state.MailboxSnapshot;
import org.statefed.state.MwiCounts;
import org.statefed.state.MwiEntry;
import org.statefed.wire.RejectReason;
import org.statefed.xmpp.Counters;

/**
 * The JSON the API and the event stream send, shaped from table snapshots at one instant: which site each
 * entity id is, how old each entry is, whether it was restored from the state file and whether its site is
 * away (its states kept but not current).
 */
final class JsonShapes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String THIS_SITE = "this site";

    private final Instant now;
    private final EntityId own;
    private final Map<EntityId, PeerStatus> peers;

    JsonShapes(Instant now, EntityId own, List<PeerStatus> peers) {
        this.now = now;
        this.own = own;
        Map<EntityId, PeerStatus> byEid = new HashMap<>();
        peers.forEach(peer -> peer.eid().ifPresent(eid -> byEid.putIfAbsent(eid, peer)));
        this.peers = byEid;
    }

    static JsonShapes of(WebNode node) {
        return new JsonShapes(node.clock().instant(), node.entityId(), node.peers());
    }

    ObjectNode device(DeviceSnapshot device) {
        ObjectNode out = JSON.objectNode();
        out.put("device", device.device());
        out.put("aggregate", device.aggregate().token());
        ArrayNode entries = out.putArray("entries");
        for (EntrySnapshot entry : device.entries()) {
            ObjectNode e = site(entries.addObject(), entry.eid());
            e.put("state", entry.state().token());
            e.put("cachable", entry.cachable());
            age(e, entry.updatedAt());
            e.put("restored", entry.restored());
            e.put("stale", stale(entry.eid()));
        }
        return out;
    }

    /** A device no site reports any more. */
    static ObjectNode deviceGone(String device) {
        ObjectNode out = JSON.objectNode();
        out.put("device", device);
        out.put("aggregate", DeviceState.UNKNOWN.token());
        out.putArray("entries");
        return out;
    }

    static ObjectNode hint(HintSnapshot hint) {
        ObjectNode out = JSON.objectNode();
        out.put("hint", hint.hint().name());
        out.put("exten", hint.hint().exten());
        out.put("context", hint.hint().context());
        ArrayNode devices = out.putArray("devices");
        hint.hint().devices().forEach(devices::add);
        out.put("state", hint.state().displayName());
        return out;
    }

    ObjectNode mailbox(MailboxSnapshot mailbox) {
        ObjectNode out = counts(JSON.objectNode().put("mailbox", mailbox.mailbox()), mailbox.effective());
        ArrayNode entries = out.putArray("entries");
        for (MwiEntry entry : mailbox.entries()) {
            ObjectNode e = counts(site(entries.addObject(), entry.eid()), entry.counts());
            age(e, entry.updatedAt());
            e.put("restored", entry.restored());
            e.put("stale", stale(entry.eid()));
        }
        return out;
    }

    /** A mailbox no site reports any more. */
    static ObjectNode mailboxGone(String mailbox) {
        ObjectNode out = counts(JSON.objectNode().put("mailbox", mailbox), new MwiCounts(0, 0));
        out.putArray("entries");
        return out;
    }

    /**
     * This site, each link's health and every remote site with its liveness and when it was last heard of (its
     * newest entry in the device table: statefed keeps no other clock per site).
     */
    ObjectNode sites(WebNode node, List<DeviceSnapshot> devices) {
        Map<EntityId, Instant> lastHeard = new HashMap<>();
        for (DeviceSnapshot device : devices) {
            for (EntrySnapshot entry : device.entries()) {
                lastHeard.merge(entry.eid(), entry.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        ObjectNode out = JSON.objectNode();
        out.put("entityId", own.toString());
        out.put("version", node.version());
        ArrayNode links = out.putArray("links");
        for (LinkStatus link : node.links()) {
            ObjectNode l = links.addObject();
            l.put("name", link.name());
            l.put("kind", link.kind().configType());
            l.put("state", link.state());
            l.put("ready", link.ready());
            l.put("peers", link.peers());
        }
        ArrayNode sites = out.putArray("sites");
        for (PeerStatus peer : node.peers()) {
            ObjectNode s = sites.addObject();
            s.put("link", peer.link());
            s.put("name", peer.name());
            if (peer.eid().isPresent()) {
                s.put("eid", peer.eid().get().toString());
            } else {
                s.putNull("eid");
            }
            s.put("liveness", peer.liveness());
            s.put("description", peer.description());
            s.put("online", peer.online());
            Optional<Instant> heard = peer.eid().map(lastHeard::get);
            if (heard.isPresent()) {
                s.put("lastHeard", heard.get().toString());
                s.put("lastHeardAgeSeconds", ageSeconds(heard.get()));
            } else {
                s.putNull("lastHeard");
                s.putNull("lastHeardAgeSeconds");
            }
        }
        return out;
    }

    static ObjectNode counters(Counters counters) {
        ObjectNode out = JSON.objectNode();
        ObjectNode all = out.putObject("counters");
        counters.snapshot().forEach((counter, value) -> all.put(snake(counter.name()), value));
        ObjectNode rejections = out.putObject("rejections");
        for (Map.Entry<RejectReason, Long> e : counters.rejectionSnapshot().entrySet()) {
            rejections.put(snake(e.getKey().name()), e.getValue());
        }
        return out;
    }

    /** {@code ITEMS_APPLIED} as {@code items_applied}. */
    static String snake(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }

    private ObjectNode site(ObjectNode entry, EntityId eid) {
        entry.put("eid", eid.toString());
        PeerStatus peer = peers.get(eid);
        if (eid.equals(own)) {
            entry.put("site", THIS_SITE);
        } else if (peer != null) {
            entry.put("site", peer.name());
        } else {
            entry.putNull("site");
        }
        return entry;
    }

    /** An entry whose site is not heard now but whose states are kept: it may no longer be true. */
    private boolean stale(EntityId eid) {
        PeerStatus peer = peers.get(eid);
        return !eid.equals(own) && peer != null && !peer.online() && peer.statesKept();
    }

    private void age(ObjectNode entry, Instant updatedAt) {
        entry.put("updatedAt", updatedAt.toString());
        entry.put("ageSeconds", ageSeconds(updatedAt));
    }

    private long ageSeconds(Instant then) {
        Duration age = Duration.between(then, now);
        return age.isNegative() ? 0 : age.toSeconds();
    }

    private static ObjectNode counts(ObjectNode out, MwiCounts counts) {
        out.put("new", counts.newMessages());
        out.put("old", counts.oldMessages());
        return out;
    }
}
