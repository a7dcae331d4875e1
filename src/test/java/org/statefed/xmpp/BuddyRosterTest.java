package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.LoggerFactory;
import org.statefed.config.AuthPolicy;
import org.statefed.link.RateLimitedLog;
import org.statefed.state.EntityId;
import org.statefed.wire.StatefedPresenceElement;

/**
 * Which returning buddies need our republish: a statefed buddy fetches our node and asks for what it lacks
 * when its session starts, so only a buddy with a resource that is not statefed (Asterisk) needs one.
 */
class BuddyRosterTest {
    private static final EntityBareJid BUDDY = JidCreate.entityBareFromOrThrowUnchecked("site2@example.org");
    private final List<EntityBareJid> returned = new ArrayList<>();
    private final BuddyRoster roster = new BuddyRoster("asterisk", List.of(BUDDY), AuthPolicy.ACCEPT, true, false,
            new Counters(), returned::add, b -> { }, (b, element) -> { },
            new RateLimitedLog(LoggerFactory.getLogger("test"), Clock.systemUTC(), Duration.ofSeconds(10)));

    private static Presence presence(FullJid from, boolean statefed) {
        PresenceBuilder builder = PresenceBuilder.buildPresence().ofType(Presence.Type.available).from(from);
        if (statefed) {
            builder.addExtension(StatefedPresenceElement.of(EntityId.parse("00:11:22:33:44:02")));
        }
        return builder.build();
    }

    @Test
    void aBuddyWhoseOnlineResourcesAreAllStatefedNeedsNoRepublishAndAnAsteriskResourceMakesItNeedOne() {
        FullJid statefed = JidCreate.fullFromOrThrowUnchecked("site2@example.org/statefed");
        FullJid asterisk = JidCreate.fullFromOrThrowUnchecked("site2@example.org/asterisk");
        assertThat(roster.onlyStatefedOnline(BUDDY)).as("offline").isFalse();

        roster.available(statefed, presence(statefed, true));
        assertThat(returned).containsExactly(BUDDY);
        assertThat(roster.onlyStatefedOnline(BUDDY)).isTrue();

        roster.available(asterisk, presence(asterisk, false));
        assertThat(roster.onlyStatefedOnline(BUDDY)).isFalse();

        roster.unavailable(asterisk);
        assertThat(roster.onlyStatefedOnline(BUDDY)).isTrue();
    }
}
