package org.statefed.wire;

import org.statefed.state.EntityId;

/**
 * The item id of a value a bridge publishes on its own node (per-site and PEP layouts) under another entity
 * id: {@code name@@eid}, e.g. {@code SIP/100@@00:11:22:33:44:a1}. Own values keep the plain name (what
 * Asterisk's res_xmpp writes and reads), and so do bridged values on the shared node of the asterisk layout,
 * where Asterisk servers read the item id as the device name. On our own node a distinct id keeps the
 * bridge's own state and a LAN server's state of the same device apart: a node keeps one item per id, and
 * a fetch-based resync would otherwise see only the last one published.
 *
 * <p>The decoder strips the suffix only when it names the payload's own entity id, so any other name that
 * happens to contain {@code @@} stays as it is.
 */
public final class BridgedItemId {
    static final String SEPARATOR = "@@";

    private BridgedItemId() {
    }

    /**
     * The item id a site whose entity id is {@code own} publishes {@code name} carrying {@code eid} under:
     * suffixed only for a bridged value on a node of its own ({@code ownNode}: per-site and PEP layouts).
     */
    public static String onNode(String name, EntityId eid, EntityId own, boolean ownNode) {
        return eid.equals(own) || !ownNode ? name : of(name, eid);
    }

    /**
     * The item id for {@code name} carrying {@code eid}; the plain name when the suffixed one would be longer
     * than an item id may be (such a value then shares its id, as before bridged ids existed).
     */
    public static String of(String name, EntityId eid) {
        String id = name + SEPARATOR + eid;
        return id.length() > WireLimits.MAX_ITEM_ID_CHARS ? name : id;
    }

    /** The device or mailbox name an item id stands for, given the entity id its payload carries. */
    public static String nameOf(String itemId, EntityId payloadEid) {
        if (itemId == null) {
            return null;
        }
        String suffix = SEPARATOR + payloadEid;
        if (itemId.length() > suffix.length() && itemId.endsWith(suffix)) {
            return itemId.substring(0, itemId.length() - suffix.length());
        }
        return itemId;
    }
}
