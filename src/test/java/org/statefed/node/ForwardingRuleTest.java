package org.statefed.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The split-horizon table of docs/protocol.md, row by row. */
class ForwardingRuleTest {

    @ParameterizedTest(name = "learned on {0}, first seen on {1}, to {2} (same link: {3}) -> {4}")
    @CsvSource({
        // origin, first seen, destination, same link, sent?
        // this site's own states go everywhere
        "LOCAL, LOCAL, WAN, false, true",
        "LOCAL, LOCAL, LAN, false, true",
        // a LAN server's state goes to the WAN and to the other LAN links, never back to its own link
        "LAN,   LAN,   WAN, false, true",
        "LAN,   LAN,   LAN, false, true",
        "LAN,   LAN,   LAN, true,  false",
        // a WAN state goes to the LAN links, never to another WAN link, never back
        "WAN,   WAN,   LAN, false, true",
        "WAN,   WAN,   WAN, false, false",
        "WAN,   WAN,   WAN, true,  false",
        // another bridge on our LAN handed a WAN state back to us: it may go to our other LAN links,
        // never out to the WAN again (the loop breaker)
        "LAN,   WAN,   WAN, false, false",
        "LAN,   WAN,   LAN, false, true",
        "LAN,   WAN,   LAN, true,  false",
        // a LAN server's state that comes back over the WAN (another bridge published it): the LAN has
        // the original, the copy goes to no LAN link, and never to the WAN
        "WAN,   LAN,   LAN, false, false",
        "WAN,   LAN,   WAN, false, false",
        // nothing is ever sent to 'local': it is not a link
        "LAN,   LAN,   LOCAL, false, false",
        "WAN,   WAN,   LOCAL, false, false",
    })
    void forwardsByOriginFirstSeenAndDestination(Reach origin, Reach firstSeen, Reach destination, boolean sameLink,
            boolean sent) {
        assertThat(ForwardingRule.sends(origin, firstSeen, destination, sameLink)).isEqualTo(sent);
    }
}
