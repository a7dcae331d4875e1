package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

class BuddyServicesTest {
    private static final BareJid OWN = JidCreate.domainBareFromOrThrowUnchecked("pubsub.example.com");
    private static final EntityBareJid SAME = JidCreate.entityBareFromOrThrowUnchecked("site2@example.com");
    private static final EntityBareJid EU = JidCreate.entityBareFromOrThrowUnchecked("site3@eu.example.net");
    private static final EntityBareJid EU2 = JidCreate.entityBareFromOrThrowUnchecked("site4@eu.example.net");
    private static final EntityBareJid US = JidCreate.entityBareFromOrThrowUnchecked("site5@us.example.org");
    private static final DomainBareJid EU_SERVICE = JidCreate.domainBareFromOrThrowUnchecked("ps.eu.example.net");

    private static BuddyServices services(Map<EntityBareJid, BareJid> configured) {
        return new BuddyServices("asterisk", OWN, JidCreate.domainBareFromOrThrowUnchecked("example.com"), configured);
    }

    @Test
    void aBuddyOnTheOwnDomainIsWatchedOnTheConfiguredServiceAndOthersOnTheServiceTheirDomainLists() {
        BuddyServices services = services(Map.of());
        List<DomainBareJid> asked = new ArrayList<>();
        services.discover(domain -> {
            asked.add(domain);
            return domain.toString().equals("eu.example.net") ? Optional.of(EU_SERVICE) : Optional.empty();
        }, List.of(SAME, EU, EU2, US));

        assertThat(asked).extracting(Object::toString).containsExactly("eu.example.net", "us.example.org");
        assertThat(services.of(SAME).toString()).isEqualTo(OWN.toString());
        assertThat(services.of(EU).toString()).isEqualTo(EU_SERVICE.toString());
        assertThat(services.of(EU2).toString()).isEqualTo(EU_SERVICE.toString());
        // Nothing listed: the name every known server gives its service by default.
        assertThat(services.of(US).toString()).isEqualTo("pubsub.us.example.org");
    }

    @Test
    void aConfiguredServiceWinsAndIsNotAskedFor() {
        BuddyServices services = services(Map.of(EU, EU_SERVICE));
        List<DomainBareJid> asked = new ArrayList<>();
        services.discover(domain -> {
            asked.add(domain);
            return Optional.of(JidCreate.domainBareFromOrThrowUnchecked("wrong." + domain));
        }, List.of(EU));

        assertThat(asked).isEmpty();
        assertThat(services.of(EU).toString()).isEqualTo(EU_SERVICE.toString());
    }

    @Test
    void aDomainThatCannotBeAskedKeepsTheConventionalNameAndOnlyServicesOfBuddiesAreAccepted() {
        BuddyServices services = services(Map.of());
        services.discover(domain -> {
            throw new IllegalStateException("remote-server-not-found");
        }, List.of(EU));

        assertThat(services.of(EU).toString()).isEqualTo("pubsub.eu.example.net");
        assertThat(services.isServiceOfABuddy(JidCreate.domainBareFromOrThrowUnchecked("pubsub.eu.example.net"),
                List.of(SAME, EU))).isTrue();
        assertThat(services.isServiceOfABuddy(OWN, List.of(SAME))).isTrue();
        assertThat(services.isServiceOfABuddy(JidCreate.domainBareFromOrThrowUnchecked("pubsub.evil.example"),
                List.of(SAME, EU))).isFalse();
    }
}
