package org.statefed.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** What a buddy's return costs: a republish only for a peer that does not fetch, a refresh only for what we dropped. */
class BuddyReturnsTest {
    private static final EntityBareJid SITE2 = JidCreate.entityBareFromOrThrowUnchecked("site2@example.com");

    private final List<String> done = new ArrayList<>();

    private BuddyReturns returns(boolean onlyStatefed, boolean statesWereDropped) {
        return new BuddyReturns(b -> onlyStatefed, b -> {
            done.add("available " + b);
            return statesWereDropped;
        }, b -> done.add("republish"), () -> done.add("refresh"));
    }

    @ParameterizedTest(name = "statefed only {0}, states dropped {1}: republish {2}, refresh {3}")
    @CsvSource({
        // A statefed buddy falsely judged silent under a storm: nothing to send, nothing to ask.
        "true,  false, false, false",
        // A statefed buddy that stayed silent past stale_timeout: we dropped its states, so ask for them.
        "true,  true,  false, true",
        // Asterisk fetches nothing on its own: it needs our states again.
        "false, false, true,  false",
        "false, true,  true,  true",
    })
    void aBuddyAnsweringAgainGetsARepublishOnlyIfItDoesNotFetchAndARefreshOnlyIfWeDroppedItsStates(
            boolean onlyStatefed, boolean statesWereDropped, boolean republish, boolean refresh) {
        returns(onlyStatefed, statesWereDropped).answersAgain(SITE2);

        assertThat(done).first().isEqualTo("available " + SITE2);
        assertThat(done.contains("republish")).as("republish").isEqualTo(republish);
        assertThat(done.contains("refresh")).as("refresh").isEqualTo(refresh);
    }

    @Test
    void aBuddyComingOnlineIsAskedNothingAndGetsARepublishOnlyIfItDoesNotFetchAndOurSessionIsReady() {
        returns(false, true).cameOnline(SITE2, true);
        assertThat(done).containsExactly("available " + SITE2, "republish");

        done.clear();
        returns(false, true).cameOnline(SITE2, false);
        assertThat(done).containsExactly("available " + SITE2);

        done.clear();
        returns(true, true).cameOnline(SITE2, true);
        assertThat(Set.copyOf(done)).containsExactly("available " + SITE2);
    }
}
