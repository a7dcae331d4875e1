package org.statefed.demo;

import java.util.List;
import java.util.Objects;

import org.statefed.state.EntityId;

/**
 * One of the demo's sites.
 *
 * @param letter   how the demo names it, {@code A}
 * @param account  its XMPP account's localpart, {@code site-a}
 * @param entityId its entity id, from the MAC range RFC 7042 sets aside for documentation
 */
record DemoSite(String letter, String account, EntityId entityId) {

    /** Sites A, B and C. */
    static final List<DemoSite> ALL = List.of(of("A", 0x0a), of("B", 0x0b), of("C", 0x0c));

    DemoSite {
        Objects.requireNonNull(letter, "letter");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(entityId, "entityId");
    }

    private static DemoSite of(String letter, int lastByte) {
        return new DemoSite(letter, "site-" + letter.toLowerCase(java.util.Locale.ROOT),
                EntityId.parse(String.format("00:00:5e:00:53:%02x", lastByte)));
    }

    /** {@code site A}, as the output says it. */
    String title() {
        return "site " + letter;
    }
}
